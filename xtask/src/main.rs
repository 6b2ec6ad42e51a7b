//! Project automation, run as `cargo xtask <command>`.
//!
//! Using a Rust binary instead of shell scripts keeps CI and local runs
//! identical and portable: `.ci/run` only calls `cargo xtask test`.
//!
//! This crate is std-only on purpose, so it builds fast and keeps working
//! while the library crates in the workspace are broken.
#![forbid(unsafe_code)]

mod matrix;
mod peers;
mod python;
mod self_contained;
mod serve;
mod tools;
mod types;
mod wasm;

use std::env;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Printed for `cargo xtask help`, no arguments, or an unknown command.
const USAGE: &str = "\
Usage: cargo xtask <command> [args...]

Commands:
  test               install missing tools, then run every CI check in order
                     (fmt, clippy on the host and the wasm target, tests, the
                     Python package (pip install, pytest, mypy), agreement with
                     pymcdm and scikit-criteria (bench-peers, one round), docs,
                     wasm build and size budget, TypeScript types generated from
                     the JSON Schemas, tsc, browser tests in headless
                     Chromium, the demo page, the widget's end-to-end tests,
                     its main path in Firefox ESR and WebKitGTK);
                     stops at the first failure
  wasm               build the browser packages into www/pkg/ (the widget's,
                     size budget checked) and www/pkg-full/ (every binding)
  python             the Python package's checks alone: target/py-venv from
                     PyPI, pip install ./crates/yardstick-py, pytest, mypy
  types              write www/types/documents.d.ts from www/schema/*.schema.json
                     (after `YARDSTICK_BLESS=1 cargo test --test it schemas`)
  demo [--port N] [--no-build]
                     build the widget's browser package (www/pkg/) and serve
                     www/ on http://127.0.0.1:N/ (default 8080); --no-build
                     serves www/ as it is (www/pkg/ from an earlier build)
  bench-peers [--rounds N]
                     time Yardstick against pymcdm and scikit-criteria (installed
                     into <target>/peers-venv from PyPI) in process and end to end,
                     check that their outputs agree, print the table of ratios
  gen-matrix UNITS INDICATORS DIR [--complete]
                     write a seeded synthetic iData.csv and iMeta.csv (for timing;
                     1% of cells missing unless --complete)
  help               print this message

With CI=true a missing browser fails the browser steps instead of skipping them.
";

/// Default port of `cargo xtask demo`.
const DEMO_PORT: u16 = 8080;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = workspace_root();

    let result = match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some("test") => test(&root),
        Some("wasm") => wasm::build(&root, true).map(|_| ()),
        Some("demo") => demo(&root, &args[1..]),
        Some("python") => python::check(&root),
        Some("types") => types::generate(&root),
        Some("gen-matrix") => matrix::command(&args[1..]),
        Some("bench-peers") => peers::command(&root, &args[1..]),
        Some(other) => {
            eprintln!("error: unknown command `{other}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.exit_code)
        }
    }
}

/// Why a command failed, and the exit code `cargo xtask` should report.
pub struct Failure {
    /// Human-readable explanation, naming the step that failed.
    message: String,
    /// Process exit code; forwards the child's code where there is one.
    exit_code: u8,
}

impl Failure {
    /// A failure with exit code 1.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit_code: 1,
        }
    }
}

/// One named check of the CI pipeline.
struct Step {
    /// Short name used in the header and in the failure message.
    name: &'static str,
    /// What the step does.
    action: Action,
}

/// A step's work: a command that must exit successfully, or a check written in Rust.
enum Action {
    Run(Command),
    Check(Box<dyn FnOnce() -> Result<(), Failure>>),
}

impl Step {
    fn run(name: &'static str, command: Command) -> Step {
        Step {
            name,
            action: Action::Run(command),
        }
    }

    fn check(name: &'static str, check: impl FnOnce() -> Result<(), Failure> + 'static) -> Step {
        Step {
            name,
            action: Action::Check(Box::new(check)),
        }
    }
}

/// True when `CI` is set to anything but `false` or `0`: missing tools are then failures.
fn in_ci() -> bool {
    env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The CI pipeline, in the order the checks run.
///
/// Cheap checks come first so that failures are reported quickly.
/// Benchmarks are deliberately not built here: it is too slow for CI.
///
/// Extension point: append a [`Step`]. Any [`Command`] works (set its `current_dir` if it
/// must not run from the workspace root), or a Rust closure with [`Step::check`].
fn test_steps(root: &Path, browser: bool) -> Vec<Step> {
    let mut doc = cargo(root, &["doc", "--no-deps", "--workspace"]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    let wasm_target = ["--target", tools::WASM_TARGET];

    let mut steps = vec![
        {
            let root = root.to_path_buf();
            Step::check(
                "self-contained (no file outside the repository)",
                move || self_contained::check(&root),
            )
        },
        Step::run("fmt", cargo(root, &["fmt", "--all", "--", "--check"])),
        Step::run(
            "clippy",
            cargo(
                root,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        ),
        Step::run(
            "clippy (wasm target, core)",
            cargo(
                root,
                &[
                    &["clippy", "--package", "yardstick", "--lib"][..],
                    &wasm_target,
                    &["--", "-D", "warnings"],
                ]
                .concat(),
            ),
        ),
        Step::run(
            "clippy (wasm target, bindings)",
            cargo(
                root,
                &[
                    &[
                        "clippy",
                        "--package",
                        "yardstick-wasm",
                        "--all-targets",
                        "--all-features",
                        "--no-deps",
                    ][..],
                    &wasm_target,
                    &["--", "-D", "warnings"],
                ]
                .concat(),
            ),
        ),
        Step::run(
            "clippy (wasm target, bindings, the kernel alone)",
            cargo(
                root,
                &[
                    &[
                        "clippy",
                        "--package",
                        "yardstick-wasm",
                        "--lib",
                        "--no-deps",
                    ][..],
                    &wasm_target,
                    &["--", "-D", "warnings"],
                ]
                .concat(),
            ),
        ),
        Step::run("test", cargo(root, &["test", "--workspace"])),
        {
            let root = root.to_path_buf();
            Step::check(
                "Python package: pip install, pytest, mypy --strict",
                move || python::check(&root),
            )
        },
        {
            // One round: the agreement checks are what CI needs; the timings are for people.
            let root = root.to_path_buf();
            Step::check(
                "peers: the same weights, scores and ranks as pymcdm and scikit-criteria",
                move || peers::command(&root, &["--rounds".to_owned(), "1".to_owned()]),
            )
        },
        Step::run("doc", doc),
        {
            let root = root.to_path_buf();
            Step::check("wasm build and size budget", move || {
                wasm::build(&root, true).map(|_| ())
            })
        },
        {
            let root = root.to_path_buf();
            Step::check(
                "TypeScript types up to date with the JSON Schemas",
                move || types::check(&root),
            )
        },
        {
            let mut tsc = Command::new(root.join("www/node_modules/.bin/tsc"));
            tsc.args(["--noEmit", "-p"]).arg(root.join("www"));
            Step::run("tsc --noEmit (the package's .d.ts and the page's JS)", tsc)
        },
    ];
    if browser {
        steps.push({
            let root = root.to_path_buf();
            Step::check("wasm-bindgen-test-runner", move || {
                tools::wasm_test_runner(&root)?.ensure()
            })
        });
        // The kernel's tests run on the kernel build (no features), the full package's on
        // the full build: each package is tested as it ships.
        for (name, test, features) in [
            (
                "browser tests: the kernel (headless Chromium)",
                "kernel",
                "",
            ),
            (
                "browser tests: the full package (headless Chromium)",
                "browser",
                &*wasm::FULL_FEATURES.join(","),
            ),
        ] {
            let mut tests = cargo(
                root,
                &[
                    &["test", "--package", "yardstick-wasm", "--test", test][..],
                    &["--features", features],
                    &wasm_target,
                    &["--profile", wasm::PROFILE, "--", "--nocapture"],
                ]
                .concat(),
            );
            tests
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    tools::cargo_bin("wasm-bindgen-test-runner"),
                )
                .env("CHROMEDRIVER", tools::chromedriver().unwrap_or_default())
                // webdriver.json (Chromium's flags, --no-sandbox for root) is read from here.
                .current_dir(root.join("crates/yardstick-wasm"));
            steps.push(Step::run(name, tests));
        }
        let root = root.to_path_buf();
        steps.push(Step::check("demo page (headless Chromium)", {
            let root = root.clone();
            move || demo_smoke(&root)
        }));
        steps.push(Step::check("widget e2e (headless Chromium)", {
            let root = root.clone();
            move || widget_e2e(&root)
        }));
        steps.push(Step::check(
            "widget main path in Firefox ESR and WebKitGTK (xvfb)",
            move || other_engines(&root),
        ));
    }
    steps
}

/// `cargo xtask test`: install what is missing, then run every step.
///
/// The environment (notably `CI`) is inherited unchanged by every command.
fn test(root: &Path) -> Result<(), Failure> {
    for tool in tools::rust_components(root) {
        tool.ensure()?;
    }
    // Before the clippy step on the browser target, which runs ahead of the browser build.
    tools::wasm_target().ensure()?;
    // Before the first build: PyO3's build script (crates/yardstick-py) asks python3 for its
    // configuration, so clippy and the tests of the workspace need it too.
    tools::python_venv().ensure()?;
    let browser = tools::browser();
    let browser = match browser.ensure() {
        Ok(()) => true,
        Err(failure) if in_ci() => return Err(failure),
        Err(failure) => {
            eprintln!(
                "warning: skipping the browser steps: {}\n         (with CI=true this is a failure)",
                failure.message
            );
            false
        }
    };

    for step in test_steps(root, browser) {
        match step.action {
            Action::Run(mut command) => {
                println!("==> {}: {}", step.name, display(&command));
                run(step.name, &mut command)?;
            }
            Action::Check(check) => {
                println!("==> {}", step.name);
                check().map_err(|f| Failure {
                    message: format!("step `{}` failed: {}", step.name, f.message),
                    exit_code: f.exit_code,
                })?;
            }
        }
    }

    println!("==> all checks passed");
    Ok(())
}

/// `cargo xtask demo [--port N]`: build the browser package and serve `www/`.
fn demo(root: &Path, args: &[String]) -> Result<(), Failure> {
    let mut port = DEMO_PORT;
    let mut build = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.clone().next()) {
            ("--port", Some(value)) => {
                port = value.parse().map_err(|_| {
                    Failure::new(format!("--port expects a port number, found `{value}`"))
                })?;
                args.next();
            }
            ("--no-build", _) => build = false,
            _ => {
                return Err(Failure {
                    message: format!("unexpected argument `{arg}`\n\n{USAGE}"),
                    exit_code: 2,
                })
            }
        }
    }
    if build {
        // Only the widget's package: the demo pages never load www/pkg-full/.
        wasm::build(root, false)?;
    }
    let listener = serve::bind(port)
        .map_err(|e| Failure::new(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::new(e.to_string()))?;
    println!(
        "==> the same ranking in a terminal, computed natively: \
         cargo run --example seed_ranking"
    );
    println!("==> serving www/ on http://{address}/ (Ctrl-C to stop)");
    serve::serve(listener, &root.join("www"))
        .map_err(|e| Failure::new(format!("server stopped: {e}")))
}

/// The demo page in headless Chromium, served by the demo server: the table must be computed
/// in the browser under the page's Content-Security-Policy.
fn demo_smoke(root: &Path) -> Result<(), Failure> {
    let address = serve::spawn(&root.join("www"))
        .map_err(|e| Failure::new(format!("cannot start the demo server: {e}")))?;
    let profile = env::temp_dir().join(format!("yardstick-chromium-{}", std::process::id()));
    let mut chromium = Command::new(tools::chromium().unwrap_or_else(|| "chromium".into()));
    chromium
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("http://{address}/"));
    let out = chromium
        .output()
        .map_err(|e| Failure::new(format!("cannot run chromium: {e}")))?;
    let _ = std::fs::remove_dir_all(&profile);
    let dom = String::from_utf8_lossy(&out.stdout);
    // Guangxi's row, with its gaps as the seed example prints them.
    let expected = [
        "data-state=\"ready\"",
        "<caption>Digital Economy Development Index 2020",
        ">Guangxi<",
        ">26.2</td>",
        ">39.1</td>",
        ">3.4</td>",
    ];
    match expected.iter().find(|text| !dom.contains(*text)) {
        None => {
            println!("    the page computed the ranking table in the browser");
            Ok(())
        }
        Some(missing) => Err(Failure::new(format!(
            "the demo page did not render `{missing}`; its DOM was:\n{dom}"
        ))),
    }
}

/// `www/tests/e2e.mjs`: the widget driven by playwright-core in Debian's Chromium against the
/// demo server (keyboard, live re-rank, permalink, downloads, hostile names, bad data, CSP
/// violations, axe); screenshots in `target/e2e/`.
fn widget_e2e(root: &Path) -> Result<(), Failure> {
    let address = serve::spawn(&root.join("www"))
        .map_err(|e| Failure::new(format!("cannot start the demo server: {e}")))?;
    let mut node = Command::new("node");
    node.arg(root.join("www/tests/e2e.mjs"))
        .arg(format!("http://{address}/"))
        .current_dir(root);
    if let Some(chromium) = tools::chromium() {
        node.env("CHROMIUM", chromium);
    }
    println!("    {}", display(&node));
    run("widget e2e", &mut node)
}

/// The widget's main path (`www/tests/engines.mjs`) in Firefox ESR (puppeteer-core over
/// WebDriver BiDi) and WebKitGTK (selenium-webdriver and WebKitWebDriver), under `xvfb-run`
/// for MiniBrowser's display, against the demo server.
fn other_engines(root: &Path) -> Result<(), Failure> {
    let address = serve::spawn(&root.join("www"))
        .map_err(|e| Failure::new(format!("cannot start the demo server: {e}")))?;
    let mut xvfb = Command::new("xvfb-run");
    xvfb.args(["-a", "node"])
        .arg(root.join("www/tests/engines.mjs"))
        .arg(format!("http://{address}/"))
        .env("MINIBROWSER", tools::MINIBROWSER)
        .current_dir(root);
    println!("    {}", display(&xvfb));
    run("widget main path in Firefox ESR and WebKitGTK", &mut xvfb)
}

/// Runs `command` to completion, turning anything but success into a
/// [`Failure`] that names `step`.
pub fn run(step: &str, command: &mut Command) -> Result<(), Failure> {
    let status = command.status().map_err(|error| Failure {
        message: format!(
            "step `{step}` could not start `{}`: {error}",
            command.get_program().to_string_lossy()
        ),
        exit_code: 1,
    })?;
    if status.success() {
        return Ok(());
    }
    Err(Failure {
        message: format!("step `{step}` failed ({status}): {}", display(command)),
        // A signal leaves no exit code; out-of-range codes also map to 1.
        exit_code: status
            .code()
            .and_then(|code| u8::try_from(code).ok())
            .filter(|&code| code != 0)
            .unwrap_or(1),
    })
}

/// A `cargo` command run from the workspace root.
///
/// Uses `$CARGO` (set by `cargo run`) so that nested invocations use the
/// same toolchain as the one running xtask.
pub fn cargo(root: &Path, args: &[&str]) -> Command {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(root);
    command
}

/// The workspace root: the parent of this crate's directory.
///
/// Resolved at compile time so xtask works from any current directory.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Renders a command as a shell-like line for headers and error messages:
/// explicitly set env vars, the program's file name, then the arguments.
pub fn display(command: &Command) -> String {
    let envs = command.get_envs().filter_map(|(key, value)| {
        value.map(|value| format!("{}={}", key.to_string_lossy(), quote(value)))
    });
    let program = Path::new(command.get_program())
        .file_name()
        .unwrap_or(command.get_program());
    let words = std::iter::once(quote(program)).chain(command.get_args().map(quote));
    envs.chain(words).collect::<Vec<_>>().join(" ")
}

/// Quotes a word for display if it would otherwise read ambiguously.
fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    if word.is_empty() || word.contains(char::is_whitespace) {
        format!("'{word}'")
    } else {
        word.into_owned()
    }
}
