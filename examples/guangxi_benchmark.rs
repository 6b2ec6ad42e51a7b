//! The motivating case: Guangxi against the leader, the national average and its benchmark
//! group (Zhejiang, Fujian, Jiangsu, Guangdong, Shanghai) on CCID's Digital Economy
//! Development Index 2020, from the embedded seed data (`data/dedi/`, see its README for the source).

use yardstick::analysis::gap::{gap_table, Comparison, GroupStatistic};
use yardstick::{io::default_data, BuildSpec, Plan};

const FOCUS: &str = "CN-GX";
const BENCHMARK: [&str; 5] = ["CN-ZJ", "CN-FJ", "CN-JS", "CN-GD", "CN-SH"];

fn main() -> Result<(), yardstick::Error> {
    let (meta, data) = default_data::dedi()?;
    let spec = BuildSpec::from_json(default_data::DEDI_SPEC)?;
    let plan = Plan::compile(&meta.framework, &data, &spec)?;
    let results = plan.run(&data, data.last_period())?;
    let focus = data.unit_index(FOCUS).expect("Guangxi is in the seed data");
    let index = meta.framework.root();
    let ranked = data.units().iter().filter(|u| u.is_ranked()).count();

    let comparisons = [
        ("leader", Comparison::Leader),
        ("national average", Comparison::Unit("CN".into())),
        (
            "benchmark five (mean)",
            Comparison::Group {
                units: BENCHMARK.map(String::from).to_vec(),
                statistic: GroupStatistic::Mean,
            },
        ),
    ];
    println!(
        "{} (DEDI {}): score {:.1}, rank {} of {ranked} provinces",
        data.unit(focus).name_in("en"),
        results.year.unwrap_or_default(),
        results.value(index, focus).unwrap_or_default(),
        results.rank(index, focus).unwrap_or_default(),
    );
    for (label, comparison) in comparisons {
        let table = gap_table(&plan, &data, &results, focus, &comparison)?;
        let row = &table.rows[index.index()];
        println!(
            "  behind the {label}: {:.2} points ({} scores {:.2}; {:.1}% below it)",
            row.gap.unwrap_or_default(),
            table.comparison,
            row.comparison.unwrap_or_default(),
            row.percent.unwrap_or_default(),
        );
    }
    Ok(())
}
