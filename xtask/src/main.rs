//! Project automation, run as `cargo xtask <command>`.
//!
//! Using a Rust binary instead of shell scripts keeps CI and local runs
//! identical and portable: `.ci/run` only calls `cargo xtask test`.
//!
//! This crate is std-only on purpose, so it builds fast and keeps working
//! while the library crates in the workspace are broken.
#![forbid(unsafe_code)]

use std::env;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// Printed for `cargo xtask help`, no arguments, or an unknown command.
const USAGE: &str = "\
Usage: cargo xtask <command> [args...]

Commands:
  test            install missing tools, then run every CI check in order
                  (fmt, clippy, tests, docs); stops at the first failure
  demo [args...]  run the `seed_ranking` example in release mode,
                  forwarding args to it
  help            print this message
";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = workspace_root();

    let result = match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some("test") => test(&root),
        Some("demo") => demo(&root, &args[1..]),
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
struct Failure {
    /// Human-readable explanation, naming the step that failed.
    message: String,
    /// Process exit code; forwards the child's code where there is one.
    exit_code: u8,
}

/// A tool the checks need, with a cheap probe and an idempotent installer.
///
/// Installing only when the probe fails keeps `cargo xtask test` fast on a
/// machine that is already set up, and self-sufficient on a fresh CI image.
struct Prerequisite {
    /// Short name used in messages.
    name: &'static str,
    /// Succeeds if and only if the tool is already available.
    probe: Command,
    /// Makes the tool available; only run when `probe` fails.
    install: Command,
}

/// One named check of the CI pipeline.
struct Step {
    /// Short name used in the header and in the failure message.
    name: &'static str,
    /// The command to run; the step passes if it exits successfully.
    command: Command,
}

/// Tools that must be present before [`test_steps`] can run.
///
/// Extension point: append an entry here when a new step needs a tool
/// (a rustup target, a `cargo install`, `npm ci`, ...).
fn prerequisites(root: &Path) -> Vec<Prerequisite> {
    vec![
        Prerequisite {
            name: "rustfmt",
            probe: cargo(root, &["fmt", "--version"]),
            install: rustup_component_add("rustfmt"),
        },
        Prerequisite {
            name: "clippy",
            probe: cargo(root, &["clippy", "--version"]),
            install: rustup_component_add("clippy"),
        },
    ]
}

/// The CI pipeline, in the order the checks run.
///
/// Cheap checks come first so that failures are reported quickly.
/// Benchmarks are deliberately not built here: it is too slow for CI.
///
/// Extension point: append a [`Step`] here to add a check (wasm build,
/// browser tests, `tsc`, ...). Any [`Command`] works; set its
/// `current_dir` if it must not run from the workspace root.
fn test_steps(root: &Path) -> Vec<Step> {
    let mut doc = cargo(root, &["doc", "--no-deps", "--workspace"]);
    doc.env("RUSTDOCFLAGS", "-D warnings");

    vec![
        Step {
            name: "fmt",
            command: cargo(root, &["fmt", "--all", "--", "--check"]),
        },
        Step {
            name: "clippy",
            command: cargo(
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
        },
        Step {
            name: "test",
            command: cargo(root, &["test", "--workspace"]),
        },
        Step {
            name: "doc",
            command: doc,
        },
    ]
}

/// `cargo xtask test`: install what is missing, then run every step.
///
/// The environment (notably `CI`) is inherited unchanged by every command.
fn test(root: &Path) -> Result<(), Failure> {
    for mut prerequisite in prerequisites(root) {
        let present = prerequisite
            .probe
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !present {
            println!(
                "==> install {}: {}",
                prerequisite.name,
                display(&prerequisite.install)
            );
            run(
                &format!("install {}", prerequisite.name),
                &mut prerequisite.install,
            )?;
        }
    }

    for mut step in test_steps(root) {
        println!("==> {}: {}", step.name, display(&step.command));
        run(step.name, &mut step.command)?;
    }

    println!("==> all checks passed");
    Ok(())
}

/// `cargo xtask demo [args...]`: run the `seed_ranking` example.
///
/// Release mode because the demo is meant to show realistic speed.
fn demo(root: &Path, args: &[String]) -> Result<(), Failure> {
    let mut command = cargo(
        root,
        &[
            "run",
            "--quiet",
            "--release",
            "--example",
            "seed_ranking",
            "--",
        ],
    );
    command.args(args);
    run("demo", &mut command)
}

/// Runs `command` to completion, turning anything but success into a
/// [`Failure`] that names `step`.
fn run(step: &str, command: &mut Command) -> Result<(), Failure> {
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
fn cargo(root: &Path, args: &[&str]) -> Command {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(root);
    command
}

/// `rustup component add <component>` for the active toolchain.
fn rustup_component_add(component: &str) -> Command {
    let mut command = Command::new("rustup");
    command.args(["component", "add", component]);
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
fn display(command: &Command) -> String {
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
