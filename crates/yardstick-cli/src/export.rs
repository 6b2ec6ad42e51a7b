//! `yardstick export --widget`: the compiled document of `<yardstick-widget data-src>`.

use yardstick::analysis::progress::progress;
use yardstick::io::document::{Document, DocumentProgress};
use yardstick::Error;

use crate::args::ExportArgs;

/// The compiled document (see `yardstick::io::document`) as pretty JSON with a final newline.
///
/// The inputs are loaded and the plan compiled exactly as `compute` does, and then run on
/// every year of the data, not only the latest: the widget's year slider reaches each one, so
/// a year that cannot be computed (a zero range, say) fails here, naming the year. The
/// document records each year's normalised and raw indicator values and data-driven weights,
/// so the widget's small package re-weights and ranks without the files, the spec or the
/// methods; `--normalise`, `--aggregate`, `--ties` and `--round` apply as in `compute`.
///
/// With `--targets`, `--deadline` or a `TargetYear` in iMeta, the document also holds the
/// progress toward the targets, as `yardstick progress` computes it from the raw data.
pub fn widget(a: &ExportArgs) -> Result<String, Error> {
    let (meta, data, plan, _) = crate::load(&a.inputs, &a.build, None)?;
    let document = Document::compile(&plan, &data)
        .map_err(|e| e.in_file(&a.inputs.data.display().to_string()))?;
    let dated = meta
        .framework
        .nodes()
        .iter()
        .any(|n| n.target.is_some() && n.target_year.is_some());
    if a.targets.is_some() || a.deadline.is_some() || dated {
        let targets = crate::progress::targets(
            a.targets.as_deref(),
            a.deadline,
            &a.inputs.meta,
            &meta,
            &data,
        )?;
        let assessed = progress(&plan, &data, &targets, a.window, |p| plan.run(&data, p))?;
        return Ok(document.to_json_with_progress(&DocumentProgress::of(
            &assessed,
            &meta.framework,
            &data,
        )));
    }
    Ok(document.to_json())
}
