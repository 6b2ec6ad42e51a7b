//! Tools the checks need, each with a cheap probe and an idempotent installer, so that
//! `cargo xtask test` is self-sufficient on a fresh CI machine (Rust, Node and npm only) and
//! fast on one that is already set up.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{cargo, display, run, Failure};

/// The Rust target of the browser build.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// A tool: how to tell whether it is there, and how to get it.
pub struct Prerequisite {
    /// Short name used in messages.
    pub name: &'static str,
    /// True if and only if the tool is already available.
    pub present: Box<dyn Fn() -> bool + Send>,
    /// Makes the tool available; only run when `present` is false.
    pub install: Box<dyn Fn() -> Result<(), Failure> + Send>,
}

impl Prerequisite {
    /// Installs the tool if its probe fails.
    pub fn ensure(&self) -> Result<(), Failure> {
        if (self.present)() {
            return Ok(());
        }
        println!("==> install {}", self.name);
        (self.install)()?;
        if (self.present)() {
            Ok(())
        } else {
            Err(Failure::new(format!(
                "{} is still missing after installing it",
                self.name
            )))
        }
    }

    /// [`Prerequisite::ensure`] on another thread, so that a download can overlap a build;
    /// join the handle before using the tool.
    pub fn ensure_in_background(self) -> std::thread::JoinHandle<Result<(), Failure>> {
        std::thread::spawn(move || self.ensure())
    }
}

/// rustfmt and clippy, for the host checks.
pub fn rust_components(root: &Path) -> Vec<Prerequisite> {
    ["rustfmt", "clippy"]
        .into_iter()
        .map(|component| {
            let root = root.to_path_buf();
            let subcommand = if component == "rustfmt" {
                "fmt"
            } else {
                "clippy"
            };
            Prerequisite {
                name: component,
                present: Box::new(move || succeeds(cargo(&root, &[subcommand, "--version"]))),
                install: Box::new(move || {
                    let mut command = Command::new("rustup");
                    command.args(["component", "add", component]);
                    run(&format!("install {component}"), &mut command)
                }),
            }
        })
        .collect()
}

/// The Rust target of the browser build, added with rustup.
pub fn wasm_target() -> Prerequisite {
    Prerequisite {
        name: "the wasm32-unknown-unknown target",
        present: Box::new(|| {
            let mut command = Command::new("rustup");
            command.args(["target", "list", "--installed"]);
            output(command).is_some_and(|out| out.lines().any(|l| l.trim() == WASM_TARGET))
        }),
        install: Box::new(|| {
            let mut command = Command::new("rustup");
            command.args(["target", "add", WASM_TARGET]);
            run("install the wasm target", &mut command)
        }),
    }
}

/// The npm tools in `www/node_modules` (`npm ci` from `www/package-lock.json`): binaryen's
/// wasm-opt and TypeScript for the build, playwright-core and axe-core for the widget's
/// end-to-end tests. The bindings generator is a library inside xtask
/// ([`check_bindgen_version`]), so the browser build compiles no tool of its own.
pub fn npm_tools(root: &Path) -> Prerequisite {
    let www = root.join("www");
    Prerequisite {
        name: "npm tools in www/node_modules (npm ci)",
        present: {
            let www = www.clone();
            Box::new(move || {
                www.join("node_modules/.bin/wasm-opt").exists()
                    && www.join("node_modules/.bin/tsc").exists()
                    && www
                        .join("node_modules/playwright-core/package.json")
                        .exists()
                    && www.join("node_modules/axe-core/axe.min.js").exists()
            })
        },
        install: Box::new(move || {
            let mut command = Command::new("npm");
            command
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&www);
            run("npm ci", &mut command)
        }),
    }
}

/// Fails unless the lockfile's `wasm-bindgen-cli-support` (the generator xtask runs) is the
/// lockfile's `wasm-bindgen` (the crate the module is built with): the two must agree on the
/// schema of the bindings, and the root `Cargo.toml` pins both.
pub fn check_bindgen_version(root: &Path) -> Result<(), Failure> {
    let crate_version = locked_version(root, "wasm-bindgen")?;
    let generator = locked_version(root, "wasm-bindgen-cli-support")?;
    if crate_version == generator {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "Cargo.lock has wasm-bindgen {crate_version} but wasm-bindgen-cli-support \
             {generator}; pin both to the same version in the root Cargo.toml"
        )))
    }
}

/// `wasm-bindgen-test-runner` of the lockfile's wasm-bindgen version, for the browser tests
/// only: `cargo install wasm-bindgen-cli` (the runner ships in that package).
pub fn wasm_test_runner(root: &Path) -> Result<Prerequisite, Failure> {
    let version = locked_version(root, "wasm-bindgen")?;
    let probe_version = version.clone();
    Ok(Prerequisite {
        name: "wasm-bindgen-test-runner (wasm-bindgen-cli, the lockfile's version)",
        present: Box::new(move || {
            let mut command = Command::new(cargo_bin("wasm-bindgen-test-runner"));
            command.arg("--version");
            output(command).is_some_and(|out| {
                out.trim() == format!("wasm-bindgen-test-runner {probe_version}")
            })
        }),
        install: Box::new(move || {
            let install = |locked: bool| {
                let mut command = Command::new(env::var_os("CARGO").unwrap_or("cargo".into()));
                command.args([
                    "install",
                    "wasm-bindgen-cli",
                    "--version",
                    &version,
                    "--force",
                ]);
                if locked {
                    command.arg("--locked");
                }
                println!("    {}", display(&command));
                command.status().is_ok_and(|s| s.success())
            };
            // The CLI's own lockfile may pin a dependency version the registry no longer
            // serves; then resolve afresh within the CLI's semver ranges.
            if install(true) || install(false) {
                Ok(())
            } else {
                Err(Failure::new(format!(
                    "cargo install wasm-bindgen-cli --version {version} failed"
                )))
            }
        }),
    })
}

/// MiniBrowser, the WebKitGTK browser that WebKitWebDriver drives (Debian's path).
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// The three browser engines, all from Debian: Chromium and ChromeDriver (the browser tests
/// and the full end-to-end test), Firefox ESR and WebKitGTK's WebKitWebDriver with MiniBrowser
/// (the widget's main path in the other two engines), and Xvfb for MiniBrowser's display.
/// Installed with apt when running as root; otherwise installing fails with a message saying
/// what to install.
pub fn browser() -> Prerequisite {
    Prerequisite {
        name: "chromium, chromium-driver, firefox-esr, webkit2gtk-driver, xvfb, xauth (Debian)",
        present: Box::new(|| {
            chromedriver().is_some()
                && chromium().is_some()
                && on_path("firefox-esr").is_some()
                && on_path("WebKitWebDriver").is_some()
                && on_path("xvfb-run").is_some()
                && on_path("xauth").is_some()
                && Path::new(MINIBROWSER).is_file()
        }),
        install: Box::new(|| {
            apt_install(
                &[
                    "chromium",
                    "chromium-driver",
                    "firefox-esr",
                    "webkit2gtk-driver",
                    "xvfb",
                    // xvfb-run needs it, and xvfb only recommends it.
                    "xauth",
                ],
                "the browser tests need Chromium, Firefox ESR and WebKitGTK",
            )
        }),
    }
}

/// Node.js and npm, for the npm tools of the browser build. Installed with apt (Debian's
/// `nodejs` and `npm`) when running as root; otherwise installing fails saying what to install.
pub fn node() -> Prerequisite {
    Prerequisite {
        name: "Node.js and npm",
        present: Box::new(|| on_path("node").is_some() && on_path("npm").is_some()),
        install: Box::new(|| {
            apt_install(
                &["nodejs", "npm"],
                "the browser build needs Node.js (18 or later) with npm",
            )
        }),
    }
}

/// Python 3 with `venv` and `ensurepip`, for the Python package's checks. Debian splits
/// them into `python3-venv`; installed with apt when running as root.
pub fn python_venv() -> Prerequisite {
    Prerequisite {
        name: "python3 with venv (Debian: python3-venv)",
        present: Box::new(|| {
            let mut command = Command::new("python3");
            command.args(["-c", "import ensurepip, venv"]);
            succeeds(command)
        }),
        install: Box::new(|| {
            apt_install(
                &["python3", "python3-venv"],
                "the Python package's tests need python3 with venv",
            )
        }),
    }
}

/// `apt-get update` then `apt-get install -y <packages>`, as root only; `why` opens the
/// message that says what to install by hand otherwise.
fn apt_install(packages: &[&str], why: &str) -> Result<(), Failure> {
    let list = packages.join(" ");
    if !is_root() {
        return Err(Failure::new(format!(
            "{why}; install them (Debian: apt-get install {list}) or run as root"
        )));
    }
    let mut update = Command::new("apt-get");
    update.arg("update");
    run("apt-get update", &mut update)?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(&format!("apt-get install {list}"), &mut install)
}

/// The ChromeDriver to use: `$CHROMEDRIVER`, else the one on `PATH`.
pub fn chromedriver() -> Option<PathBuf> {
    env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| on_path("chromedriver"))
}

/// The Chromium binary on `PATH`.
pub fn chromium() -> Option<PathBuf> {
    on_path("chromium").or_else(|| on_path("chromium-browser"))
}

/// A binary installed by `cargo install`: `$CARGO_HOME/bin/<name>` when it exists (that
/// directory is not always on `PATH`), else the bare name.
pub fn cargo_bin(name: &str) -> PathBuf {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    home.map(|h| h.join("bin").join(name))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// The version of `package` in `Cargo.lock`.
pub fn locked_version(root: &Path, package: &str) -> Result<String, Failure> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| Failure::new(format!("cannot read Cargo.lock: {e}")))?;
    let name = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err(Failure::new(format!("Cargo.lock has no package {package}")))
}

/// True when running as root (apt-get works).
fn is_root() -> bool {
    let mut command = Command::new("id");
    command.arg("-u");
    output(command).is_some_and(|out| out.trim() == "0")
}

fn on_path(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// True if `command` runs and succeeds (output discarded).
pub fn succeeds(mut command: Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The standard output of `command` if it runs and succeeds.
pub fn output(mut command: Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
