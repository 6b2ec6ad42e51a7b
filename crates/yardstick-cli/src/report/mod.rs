//! `yardstick report`: the analyst's brief on one unit, from one run of the plan.
//!
//! [`facts`] makes the library calls (the run, gap tables, their change since the base year,
//! catch-up, uncertainty); [`text`] turns the facts into a [`brief::Brief`] with the
//! language's templates ([`lang`]) and the charts ([`svg`]); [`html`], [`markdown`] and
//! [`xlsx`] write it out. Nothing here computes an index figure.

mod brief;
mod facts;
mod html;
mod lang;
mod markdown;
mod svg;
mod text;
mod xlsx;

use std::path::{Path, PathBuf};

use yardstick::Error;

use crate::args::ReportArgs;

/// Writes the brief's files into `--out` and returns their paths, in the order written.
pub fn report(a: &ReportArgs) -> Result<Vec<PathBuf>, Error> {
    let facts = facts::gather(a)?;
    let brief = text::brief(&facts, a.lang);
    let dir = &a.out;
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    let mut written = Vec::new();
    let mut save = |file: &str, content: &str| -> Result<(), Error> {
        let path = dir.join(file);
        std::fs::write(&path, content).map_err(|e| io_error(&path, &e))?;
        written.push(path);
        Ok(())
    };
    save("report.html", &html::page(&brief, a.lang))?;
    save("report.md", &markdown::document(&brief, a.lang))?;
    for figure in brief.figures() {
        save(figure.file, &figure.svg)?;
    }
    let workbook = dir.join("report.xlsx");
    xlsx::write(&facts, a.lang, &workbook)?;
    written.push(workbook);
    Ok(written)
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    crate::output::cannot_write(path.display().to_string(), e)
}
