//! `cargo xtask wasm`: the browser package in `www/pkg/`, built, bound, optimised and
//! measured against its size budget.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{self, WASM_TARGET};
use crate::{cargo, run, Failure};

/// The cargo profile of the browser build (root `Cargo.toml`): tuned for size.
pub const PROFILE: &str = "wasm-release";

/// Most bytes the widget's module, the kernel, may take once gzipped (`gzip -9`).
///
/// The kernel loads a compiled document and runs the second half (re-weight, aggregate, rank,
/// gaps, contribution tables, catch-up); the first half stays in `www/pkg-full/`. Its target
/// is 60 KB. It measures 95.5 KB: reading the document with serde's derive over the kernel's
/// own JS-value reader (about 16 KB), building the tree and layout from it (about 9 KB), gaps,
/// gap tables and catch-up (about 19 KB together) on a floor of about 40 KB for re-weighting
/// and ranking; the core's return to std's `BTreeMap` (clone, drop and iteration code per map
/// type), serde's derive for the tagged aggregation enum and `ryu` added about 12 KB to the
/// 83.8 KB of the own-code version. Measured alternatives: `serde-wasm-bindgen` as the
/// kernel's reader adds 17.5 KB; reading the document through typed getters saves 3.3 KB; the
/// target is reached only by moving gaps and catch-up into a second module loaded on demand
/// (about 58 KB before the libraries came back). Errors thrown to JS carry their kind's fields
/// and place (serde's derive on `ErrorKind` and `Place`), for pages to write messages in
/// their own language: 1.1 KB more (96.3 -> 97.4 KB). Values of an implausible magnitude are
/// flagged in the replay too (`screen::implausible`, `Plan.implausible`): 1.2 KB more (98.6
/// KB). The median by selection (linear time, which took that check from 6 ms to 1 ms of a
/// 3,000 x 100 run natively) adds 0.6 KB: 99.3 KB. Accepting a document's `progress` key
/// (read over: the widget reads that section from the JSON) adds 0.3 KB: 99.6 KB. Until a
/// design reaches the target this is a
/// ratchet at the current size plus a small margin: growth fails.
pub const GZIP_BUDGET: u64 = 100 * 1024;

/// The kernel's size target, gzipped: printed beside the ratchet above.
const GZIP_TARGET: u64 = 60 * 1024;

/// Every file a page loads for `<yardstick-widget>`, relative to `www/`.
const WIDGET_FILES: [&str; 14] = [
    "yardstick-widget.js",
    "messages.js",
    "widget/dom.js",
    "widget/errors.js",
    "widget/state.js",
    "widget/controls.js",
    "widget/table.js",
    "widget/chart.js",
    "widget/gaps.js",
    "widget/targets.js",
    "widget/downloads.js",
    "yardstick-widget.css",
    "pkg/yardstick.js",
    "pkg/yardstick_bg.wasm",
];

/// The widget's size target for all of [`WIDGET_FILES`], gzipped: printed, not checked.
const WIDGET_GZIP_TARGET: u64 = 100 * 1024;

/// wasm-opt's passes: for size, repeated while they still shrink the module. Rust's statics
/// start at 1 MiB and its stack grows down from there, so nothing lives in the low 1 KB and
/// wasm-opt may fold address offsets as if it were unused.
const WASM_OPT: [&str; 3] = ["-Oz", "--converge", "--low-memory-unused"];

/// Features the Rust wasm target emits by default; wasm-opt must accept them.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// Sizes of the optimised module.
pub struct Size {
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes after `gzip -9`.
    pub gzip: u64,
}

/// Installs what is missing, builds `www/pkg/` (the widget's package, the kernel: compiled
/// documents in, re-rank, gaps, catch-up), prints its size and checks the budget, then, with
/// `full`, builds `www/pkg-full/` (raw data, specs, compiled documents out, uncertainty) and
/// prints its size. The demo pages load only `www/pkg/`; the widget loads `www/pkg-full/` only
/// for a page that hands it raw data.
pub fn build(root: &Path, full: bool) -> Result<Size, Failure> {
    tools::wasm_target().ensure()?;
    tools::node().ensure()?;
    // npm's download overlaps the compilation: on a fresh machine each takes a while.
    let npm = tools::npm_tools(root).ensure_in_background();
    let compiled = compile(root, &[]);
    npm.join()
        .map_err(|_| Failure::new("the npm install thread panicked"))??;
    let size = package(root, &compiled?, "www/pkg")?;
    println!(
        "==> www/pkg/yardstick_bg.wasm (the kernel): {:.1} KB raw, {:.1} KB gzip -9 \
         (ratchet {:.1} KB, target {:.1} KB)",
        kb(size.raw),
        kb(size.gzip),
        kb(GZIP_BUDGET),
        kb(GZIP_TARGET)
    );
    let widget = WIDGET_FILES
        .iter()
        .map(|file| measure(&root.join("www").join(file)).map(|size| size.gzip))
        .sum::<Result<u64, Failure>>()?;
    println!(
        "==> the widget ({}): {:.1} KB gzip -9, file by file as served \
         (target {:.1} KB; not enforced while the kernel is over its own)",
        WIDGET_FILES.join(", "),
        kb(widget),
        kb(WIDGET_GZIP_TARGET)
    );
    if size.gzip > GZIP_BUDGET {
        return Err(Failure::new(format!(
            "the wasm module is {:.1} KB gzipped, over its budget of {:.1} KB",
            kb(size.gzip),
            kb(GZIP_BUDGET)
        )));
    }
    if !full {
        return Ok(size);
    }
    let full = package(root, &compile(root, FULL_FEATURES)?, "www/pkg-full")?;
    println!(
        "==> www/pkg-full/yardstick_bg.wasm ({}): {:.1} KB raw, {:.1} KB gzip -9",
        FULL_FEATURES.join(", "),
        kb(full.raw),
        kb(full.gzip)
    );
    Ok(size)
}

/// Cargo features of `yardstick-wasm` in `www/pkg-full/`: the first half of the pipeline and
/// the analytics the widget does not load.
pub const FULL_FEATURES: &[&str] = &["full"];

/// Builds `yardstick-wasm` with `features`; the path of the module it wrote.
fn compile(root: &Path, features: &[&str]) -> Result<PathBuf, Failure> {
    let features = features.join(",");
    let mut args = vec![
        "build",
        "--package",
        "yardstick-wasm",
        "--target",
        WASM_TARGET,
        "--profile",
        PROFILE,
    ];
    if !features.is_empty() {
        args.extend(["--features", &features]);
    }
    let mut build = cargo(root, &args);
    println!("==> wasm build: {}", crate::display(&build));
    run("wasm build", &mut build)?;
    Ok(target_dir(root)
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("yardstick_wasm.wasm"))
}

/// Binds the module `input` into `out` (relative to the root) and optimises it; the size of
/// the `.wasm`.
fn package(root: &Path, input: &Path, out: &str) -> Result<Size, Failure> {
    let pkg = root.join(out);
    // Stale files from an older build must not be served.
    let _ = fs::remove_dir_all(&pkg);
    println!(
        "==> wasm-bindgen (in process, --target web): {}",
        pkg.display()
    );
    bindgen(root, input, &pkg)?;

    let module = pkg.join("yardstick_bg.wasm");
    let mut opt = Command::new(root.join("www/node_modules/.bin/wasm-opt"));
    opt.args(WASM_OPT)
        .args(WASM_FEATURES)
        .arg(&module)
        .arg("-o")
        .arg(&module);
    println!("==> wasm-opt: {}", crate::display(&opt));
    run("wasm-opt", &mut opt)?;
    measure(&module)
}

/// `wasm-bindgen --target web --out-name yardstick --out-dir <pkg> <input>`, run in process by
/// the generator library the wasm-bindgen CLI wraps (the same version as the crate's
/// wasm-bindgen, checked against the lockfile first).
fn bindgen(root: &Path, input: &Path, pkg: &Path) -> Result<(), Failure> {
    tools::check_bindgen_version(root)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .out_name("yardstick")
        .web(true)
        .map_err(bindgen_failed)?
        .typescript(true)
        // As the CLI does by default: init() finds the .wasm beside the JS without an argument.
        .omit_default_module_path(false)
        .generate(pkg)
        .map_err(bindgen_failed)
}

/// The generator's error with its chain of causes (`{:#}`), as its CLI prints it.
fn bindgen_failed(error: impl std::fmt::Display) -> Failure {
    Failure::new(format!("wasm-bindgen: {error:#}"))
}

/// Raw and gzip size of a file. gzip is the system's `gzip -9`: the compression a static file server
/// applies, and an essential Debian package, so xtask stays std-only.
fn measure(file: &Path) -> Result<Size, Failure> {
    let raw = fs::metadata(file)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", file.display())))?
        .len();
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .output()
        .map_err(|e| Failure::new(format!("cannot run gzip: {e}")))?;
    if !out.status.success() {
        return Err(Failure::new("gzip -9 failed"));
    }
    Ok(Size {
        raw,
        gzip: out.stdout.len() as u64,
    })
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` or `target/` in the workspace.
pub fn target_dir(root: &Path) -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_relative() {
                root.join(dir)
            } else {
                dir
            }
        })
        .unwrap_or_else(|| root.join("target"))
}
