//! The Python package's checks (`crates/yardstick-py`): a virtual environment in
//! `target/py-venv` made with `python3 -m venv` and filled from PyPI with the pinned test
//! requirements, the package installed into it by `pip install ./crates/yardstick-py` (pip
//! builds the wheel with maturin, as a user's pip does), then pytest (COINr's ASEM output,
//! pymcdm, the seed's gaps, errors, bit for bit the command line) and `mypy --strict` on the
//! stubs, the example and a typed usage file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, display, run, tools, wasm, Failure};

/// The pinned requirements of the test environment.
const REQUIREMENTS: &str = "crates/yardstick-py/requirements-test.txt";

/// Runs every Python check.
pub fn check(root: &Path) -> Result<(), Failure> {
    tools::python_venv().ensure()?;
    let venv = root.join("target/py-venv");
    let python = venv.join("bin/python");
    if !python.is_file() {
        let mut create = Command::new("python3");
        create.args(["-m", "venv"]).arg(&venv);
        step("python3 -m venv target/py-venv", &mut create)?;
    }
    // pip resolves the pins again only when they changed since the last install.
    let requirements = fs::read_to_string(root.join(REQUIREMENTS))
        .map_err(|e| Failure::new(format!("cannot read {REQUIREMENTS}: {e}")))?;
    let stamp = venv.join("requirements-installed.txt");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(requirements.as_str()) {
        let mut install = pip(&python);
        install.arg("-r").arg(root.join(REQUIREMENTS));
        step("pip install the test requirements", &mut install)?;
        fs::write(&stamp, &requirements)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", stamp.display())))?;
    }
    // The package as a user installs it: pip builds the wheel (maturin, release) from the
    // crate's pyproject.toml. Cargo's target directory keeps the build incremental.
    let mut package = pip(&python);
    package
        .args(["--force-reinstall", "--no-deps"])
        .arg(root.join("crates/yardstick-py"))
        .current_dir(root);
    step("pip install ./crates/yardstick-py", &mut package)?;

    // The command line the bit-for-bit tests compare with.
    step(
        "build the command line",
        &mut cargo(root, &["build", "--package", "yardstick-cli"]),
    )?;
    let cli: PathBuf = wasm::target_dir(root).join("debug/yardstick");
    let mut pytest = Command::new(&python);
    pytest
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg("crates/yardstick-py/tests")
        .env("YARDSTICK_CLI", &cli)
        // No __pycache__ or .pytest_cache in the work tree.
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root);
    step("pytest crates/yardstick-py/tests", &mut pytest)?;

    // The files that use the package, then the stubs themselves (mypy takes files or a
    // package, not both).
    for targets in [
        &[
            "examples/python/guangxi.py",
            "crates/yardstick-py/tests/typed_usage.py",
        ][..],
        &["-p", "yardstick"][..],
    ] {
        let mut mypy = Command::new(&python);
        mypy.args(["-m", "mypy", "--strict", "--cache-dir"])
            .arg(venv.join("mypy-cache"))
            .args(targets)
            .current_dir(root);
        step("mypy --strict", &mut mypy)?;
    }
    Ok(())
}

/// `python -m pip install --disable-pip-version-check`, quiet.
fn pip(python: &Path) -> Command {
    let mut command = Command::new(python);
    command.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]);
    command
}

fn step(name: &str, command: &mut Command) -> Result<(), Failure> {
    println!("    {}", display(command));
    run(name, command)
}
