//! `yardstick export --widget`: the inputs as one data document for `<yardstick-widget
//! data-src>`, checked the way `compute` checks them.

use serde_json::{json, Value};
use yardstick::{Error, ErrorKind, Place};

use crate::args::ExportArgs;

const UTF8_BOM: &str = "\u{feff}";

/// The widget's data document `{"data": iData text, "meta": iMeta text, "spec": build spec}`,
/// as pretty JSON with a final newline.
///
/// The inputs are loaded and the plan compiled exactly as `compute` does, and then run on
/// every year of the data, not only the latest: the widget's year slider reaches each one, so
/// a year that cannot be computed (a zero range, say) would break the page. The CSV texts are
/// the files as given, less a leading byte-order mark. The spec is the `--spec` file's JSON
/// (`{}` without one); when `--normalise`, `--aggregate`, `--ties` or `--round` override it, it
/// is the whole effective spec instead, so the widget builds what the command line asked for.
pub fn widget(a: &ExportArgs) -> Result<String, Error> {
    let (data_bytes, meta_bytes) = (
        yardstick::io::read_file(&a.inputs.data)?,
        yardstick::io::read_file(&a.inputs.meta)?,
    );
    let (_, data, plan, _) =
        crate::load_bytes(&a.inputs, &a.build, None, &data_bytes, &meta_bytes)?;
    for (period, year) in data.periods().iter().enumerate() {
        plan.run(&data, period).map_err(|e| {
            e.in_year(*year)
                .in_file(&a.inputs.data.display().to_string())
        })?;
    }
    let spec = if a.build.overrides() {
        json_value(&crate::build_spec(&a.build)?.to_json(), &Place::default())?
    } else {
        match &a.build.spec {
            Some(path) => json_value(
                &crate::read_spec(path)?,
                &Place::file(path.display().to_string()),
            )?,
            None => json!({}),
        }
    };
    let document = json!({
        "data": text(data_bytes, &a.inputs.data.display().to_string())?,
        "meta": text(meta_bytes, &a.inputs.meta.display().to_string())?,
        "spec": spec,
    });
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    Ok(out)
}

/// A spec's JSON as a value; its text has already been read as a `BuildSpec`.
fn json_value(text: &str, place: &Place) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Spec {
                problem: e.to_string(),
            },
            place
                .clone()
                .line(e.line() as u64)
                .column(e.column().to_string()),
        )
    })
}

/// A CSV file's bytes as text, without a leading byte-order mark.
fn text(bytes: Vec<u8>, file: &str) -> Result<String, Error> {
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Structure {
                expected: format!(
                    "UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            },
            Place::file(file),
        )
    })?;
    Ok(match text.strip_prefix(UTF8_BOM) {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped_and_the_rest_kept() {
        let t = text("\u{feff}uCode,x\r\nA,1\r\n".into(), "iData.csv").unwrap();
        assert_eq!(t, "uCode,x\r\nA,1\r\n");
    }

    #[test]
    fn bytes_that_are_not_utf8_name_the_file() {
        let e = text(vec![b'u', 0xff], "iData.csv").unwrap_err();
        assert!(e.to_string().starts_with("iData.csv:"), "{e}");
    }
}
