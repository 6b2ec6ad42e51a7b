//! `yardstick export --widget`: the compiled document of `<yardstick-widget data-src>`.

use yardstick::io::document::Document;
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
pub fn widget(a: &ExportArgs) -> Result<String, Error> {
    let (_, data, plan, _) = crate::load(&a.inputs, &a.build, None)?;
    let document = Document::compile(&plan, &data)
        .map_err(|e| e.in_file(&a.inputs.data.display().to_string()))?;
    Ok(document.to_json())
}
