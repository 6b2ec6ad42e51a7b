// Generated from www/schema/*.schema.json by `cargo xtask types`; do not edit.

/**
 * An aggregation function with its parameters.
 *
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^\d+$".
 */
export type Aggregation =
  | {
      method: "amean";
    }
  | {
      method: "gmean";
      /**
       * Added before and subtracted after the mean.
       */
      shift?: number;
    }
  | {
      method: "hmean";
    }
  | {
      method: "power";
      /**
       * The order.
       */
      p: number;
    }
  | {
      method: "mpi";
      penalty?: Penalty;
    };
/**
 * The sign of the Mazziotta–Pareto penalty.
 */
export type Penalty = "negative" | "positive";
/**
 * An imputation method.
 *
 * Means and medians are taken over the ranked units with a value in the same period
 * (reference rows are filled but never feed the estimate). A cell that no rule can fill (a
 * whole group missing, no earlier year) stays missing and is listed in the step report.
 */
export type Imputation =
  | {
      method: "none";
    }
  | {
      method: "mean";
    }
  | {
      method: "median";
    }
  | {
      /**
       * Group column of iData.
       */
      group: string;
      method: "group_mean";
    }
  | {
      /**
       * Group column of iData.
       */
      group: string;
      method: "group_median";
    }
  | {
      method: "locf";
    };
/**
 * A normalisation method with its parameters.
 */
export type Normalisation =
  | {
      method: "none";
    }
  | {
      /**
       * Value given to the best unit.
       */
      high?: number;
      /**
       * Value given to the worst unit.
       */
      low?: number;
      method: "min_max";
    }
  | {
      /**
       * Mean of the output.
       */
      mean?: number;
      method: "z_score";
      /**
       * Standard deviation of the output.
       */
      sd?: number;
    }
  | {
      method: "rank";
    }
  | {
      method: "percentile";
    }
  | {
      /**
       * Clamp to the goalposts.
       */
      cap?: boolean;
      /**
       * Take natural logs of values and goalposts first (UNDP income index).
       */
      log?: boolean;
      /**
       * Upper goalpost.
       */
      max: number;
      method: "goalposts";
      /**
       * Lower goalpost (the worst value for direction +1).
       */
      min: number;
      /**
       * Multiplier of the result (1 for HDI, 100 for a 0–100 scale).
       */
      scale?: number;
    }
  | {
      method: "indicator_goalposts";
    }
  | {
      /**
       * Score units past the target as 1.
       */
      cap?: boolean;
      method: "distance_to_target";
      /**
       * Target value; `None` takes iMeta's `Target` column.
       */
      target?: number | null;
    }
  | {
      /**
       * Cap at 1.
       */
      cap?: boolean;
      method: "distance_to_reference";
      /**
       * Code of the reference unit (may be an aggregate row).
       */
      unit: string;
    }
  | {
      method: "fraction_of_max";
    };
/**
 * Which columns of the results are ranked; the others keep no ranks.
 */
export type RankedColumns = "all" | "aggregates" | "index";
/**
 * How tied values share ranks (names as in R's `rank(ties.method = ...)`).
 */
export type TiePolicy = "min" | "dense" | "average" | "first";
/**
 * An outlier treatment with its thresholds.
 */
export type Treatment =
  | {
      method: "none";
    }
  | {
      /**
       * Excess-kurtosis threshold (COINr `kurt_thresh`: 3.5); see `skew`.
       */
      kurtosis?: number;
      /**
       * Log-transform the original values of an indicator that still fails after
       * winsorisation (COINr `f2 = "log_CT"`). When `false` the winsorised values are kept
       * (COINr `f2 = NULL`).
       */
      log_fallback?: boolean;
      /**
       * Winsorising stops once this many points are winsorised (COINr `winmax`: 5). Ties
       * are winsorised together, so the count may end above this; 0 skips winsorisation.
       */
      max_points?: number;
      method: "winsorise";
      /**
       * Skewness threshold (COINr `skew_thresh`: 2). An indicator fails when
       * `|skewness| ≥ skew` and `kurtosis ≥ kurtosis`; it passes when either is strictly
       * below its threshold.
       */
      skew?: number;
    };
/**
 * How the weights of a node's children are set.
 */
export type Weighting =
  | {
      method: "meta";
    }
  | {
      method: "equal";
    }
  | {
      method: "explicit";
      /**
       * Child code → weight (finite, ≥ 0).
       */
      weights: {
        [k: string]: number | undefined;
      };
    }
  | {
      convention?: EntropyConvention;
      method: "entropy";
      /**
       * Shift added to the min-max normalised values of
       * [`EntropyConvention::ShiftedMinMax`] (default [`DEFAULT_ENTROPY_SHIFT`]); finite and
       * ≥ 0. Not allowed with the raw conventions, which have nothing to shift.
       */
      shift?: number | null;
    }
  | {
      /**
       * Normalise "lower is better" children as `(max − x) / (max − min)` (scikit-criteria's
       * choice). Off by default: the original paper, pymcdm and pyrepo-mcda treat every
       * column as "higher is better", and the published weights of Tuş & Aytaç Adalı
       * (2019) are only reproduced that way.
       */
      invert_cost?: boolean;
      method: "critic";
    }
  | {
      method: "coefficient_of_variation";
    }
  | {
      method: "standard_deviation";
    }
  | {
      method: "pca";
      retention?: PcaRetention;
    };
/**
 * The entropy conventions found in the literature.
 */
export type EntropyConvention =
  "raw_proportions" | "raw_proportions_zero_column_max_weight" | "shifted_min_max";
/**
 * How many principal components [`Weighting::Pca`] keeps.
 */
export type PcaRetention = "handbook" | "eigenvalue_above_one";
/**
 * A validated indicator or aggregate code (`LPI`, `Conn`, `HDI`).
 */
export type IndicatorCode = string;
/**
 * Whether a higher raw value is better (`+1`) or worse (`-1`).
 */
export type Direction = "positive" | "negative";
/**
 * A node is either a measured indicator (a data column) or an aggregate of its children.
 */
export type NodeKind = "indicator" | "aggregate";
/**
 * A weight: finite and not negative. Weights are relative within their parent node.
 */
export type Weight = number;
/**
 * The class of an assessment: Eurostat's, plus "achieved" and the two "cannot say" classes.
 */
export type Class =
  | "achieved"
  | "significant_progress"
  | "moderate_progress"
  | "insufficient_progress"
  | "moving_away"
  | "moderate_movement_away"
  | "significant_movement_away"
  | "insufficient_data"
  | "not_assessable";
/**
 * When the target is reached at the current pace.
 */
export type Reach =
  | "achieved"
  | {
      year: number;
    }
  | "never";
/**
 * Why a series was not classified.
 */
export type Reason =
  | {
      code: "short_window";
    }
  | {
      code: "missing_start";
      /**
       * The year.
       */
      year: number;
    }
  | {
      code: "missing_end";
      /**
       * The year.
       */
      year: number;
    }
  | {
      code: "gap";
      /**
       * The first year without a value.
       */
      year: number;
    }
  | {
      code: "non_positive";
    }
  | {
      code: "not_finite";
    }
  | {
      code: "deadline_not_after_start";
    };
/**
 * SDSN's trend arrows.
 */
export type Trend = "on_track" | "moderately_improving" | "stagnating" | "decreasing";
/**
 * A validated unit code (`CN-GX`, `AUT`, `450000`): non-empty, no surrounding spaces, no
 * control characters. Validated once at the boundary so the inside never rechecks.
 */
export type UnitCode = string;
/**
 * Whether a row is a unit to be ranked or a reference row.
 */
export type UnitKind = "unit" | "aggregate";
/**
 * Which nodes may be dropped, one per replication.
 */
export type DropMode = "none" | "indicators" | "pillars";
/**
 * A distribution of weights around the nominal ones.
 */
export type Noise =
  | {
      uniform: number;
    }
  | {
      dirichlet: number;
    };

/**
 * The whole pipeline.
 */
export interface BuildSpec {
  /**
   * The schema of this file (`www/schema/build-spec.schema.json`), for editors' completion
   * and checks; ignored when reading.
   */
  $schema?: string | null;
  aggregate?: Aggregate;
  /**
   * Divide indicators by the iData column their iMeta `Denominator` names.
   */
  denominate?: boolean;
  impute?: Imputation;
  normalise?: Normalise;
  rank?: Ranking;
  /**
   * Dropping units with too little data.
   */
  screen?: Screening | null;
  treat?: PerIndicator;
  weights?: Weights;
}
/**
 * The aggregation step.
 */
export interface Aggregate {
  default?: Aggregation;
  /**
   * Overrides by level (iMeta `Level`, as text keys in JSON).
   */
  levels?: {
    [k: string]: Aggregation | undefined;
  };
  /**
   * Minimum share of a node's children (by count) that must be present for the node to get
   * a value (COINr `dat_thresh`); below it the node is missing for that unit and reported.
   */
  min_share?: number;
  /**
   * Overrides by node code; these win over levels.
   */
  nodes?: {
    [k: string]: Aggregation | undefined;
  };
}
/**
 * The normalisation step.
 */
export interface Normalise {
  default?: Normalisation;
  /**
   * Let reference rows (national average) move data-driven bounds too. Off by default:
   * a reference row is a comparison, not a competitor.
   */
  include_aggregate_rows?: boolean;
  /**
   * Overrides by indicator code.
   */
  indicators?: {
    [k: string]: Normalisation | undefined;
  };
}
/**
 * The ranking step of a build spec.
 */
export interface Ranking {
  columns?: RankedColumns;
  /**
   * Round values to this many decimals before ranking (UNDP ranks the HDI on its published
   * three decimals). Scores themselves are returned unrounded.
   */
  round?: number | null;
  ties?: TiePolicy;
  /**
   * Rank within each group of this group column (e.g. `region4`) instead of over all units.
   */
  within?: string | null;
}
/**
 * Drop units whose share of available indicator values is below a threshold (COINr
 * `Screen()` with `unit_screen = "byNA"`). Like COINr's example build, screening runs after
 * imputation by default (so it drops units that imputation could not fill); set
 * `before_imputation` to judge the data as given.
 *
 * # Formula
 * Unit `u` is kept when `#{present indicators of u} / #{indicators} ≥ min_share`.
 * A dropped unit keeps its row in every output, with no scores and no ranks, and is listed in
 * the step report: nothing is removed silently.
 */
export interface Screening {
  /**
   * Count availability before imputation instead of after.
   */
  before_imputation?: boolean;
  /**
   * Minimum share of present indicator values, in `[0, 1]`.
   */
  min_share: number;
}
/**
 * A default method with per-indicator overrides.
 */
export interface PerIndicator {
  default?: Treatment;
  /**
   * Overrides by indicator code.
   */
  indicators?: {
    [k: string]: Treatment | undefined;
  };
}
/**
 * The weighting step.
 */
export interface Weights {
  default?: Weighting;
  /**
   * Overrides by aggregate code: how that node's children are weighted.
   */
  nodes?: {
    [k: string]: Weighting | undefined;
  };
  /**
   * Compute data-driven weights once from every period of a panel (units × years pooled
   * as rows, so entropy uses `k = 1 / ln(m·T)`) instead of per period: the weights are then
   * the same in every year, which keeps scores comparable over time. Pooled rows use the
   * values as given (denominated when the spec denominates), before imputation and
   * treatment; only nodes whose children are indicators can pool.
   */
  pool_periods?: boolean;
}
/**
 * A compiled index: what the second half of a plan needs, for every year of the data.
 */
export interface CompiledDocument {
  /**
   * The schema of this file, for editors; ignored when reading.
   */
  $schema?: string | null;
  /**
   * Always `"yardstick-document"` ([`FORMAT`]; a test checks the schema's constant).
   */
  format: "yardstick-document";
  method: Method;
  /**
   * Minimum share of a node's children (by count) that must be present for a value.
   */
  min_share: number;
  /**
   * The tree in framework (iMeta) order: every per-node array follows it.
   */
  nodes: DocumentNode[];
  /**
   * Progress toward targets, computed natively from the raw data
   * (`yardstick export --widget --targets`), for a page to show as it is: the second half
   * does not use it, so a document is read over it (and the browser's kernel carries no
   * reader for it: the widget reads the section from the JSON itself). Written by
   * [`Document::to_json_with_progress`], read by [`DocumentProgress::from_document_json`].
   */
  progress?: DocumentProgress | null;
  rank: Ranking;
  /**
   * The units in data order: every per-unit array follows it. Reference rows (`kind:
   * "aggregate"`, such as a national average) are never ranked.
   */
  units: Unit[];
  /**
   * The layout's version; this release reads and writes [`VERSION`].
   */
  version: 1;
  /**
   * One entry per period of the data, in ascending order.
   */
  years: DocumentYear[];
}
/**
 * The first half's methods by name (the plan's defaults; per-indicator overrides are not
 * listed), for a page to say how the index was built.
 */
export interface Method {
  /**
   * Aggregation (`amean`, `gmean`, …).
   */
  aggregate: string;
  /**
   * Imputation (`none`, `group_mean`, …).
   */
  impute: string;
  /**
   * Normalisation (`min_max`, `z_score`, `none`, …).
   */
  normalise: string;
  /**
   * Outlier treatment (`none`, `winsorise`, …).
   */
  treat: string;
  /**
   * Weighting (`meta`, `equal`, `entropy`, …).
   */
  weights: string;
}
/**
 * A node of the tree with its part in the second half.
 */
export interface DocumentNode {
  /**
   * How an aggregate combines its children; none for indicators.
   */
  aggregation?: Aggregation | null;
  code: IndicatorCode;
  /**
   * True when the children's weights are derived from the data (entropy, PCA, …): they are
   * in each year's `derived_weights`, and a reader's weights do not replace them.
   */
  derived_weights?: boolean;
  direction: Direction;
  kind: NodeKind;
  /**
   * Level in the hierarchy (1 = indicators).
   */
  level: number;
  /**
   * Display name.
   */
  name: string;
  /**
   * Names in other languages, by language tag (`en`, `zh-CN`).
   */
  names?: {
    [k: string]: string | undefined;
  };
  /**
   * The parent's code; none for the root.
   */
  parent?: IndicatorCode | null;
  /**
   * Target value from iMeta.
   */
  target?: number | null;
  /**
   * Unit of measure of an indicator's raw values.
   */
  unit_of_measure?: string | null;
  weight: Weight;
}
/**
 * Every unit's progress toward its targets, as `yardstick progress` computes it
 * ([`crate::analysis::progress::progress`]).
 */
export interface DocumentProgress {
  /**
   * One row per unit and node assessed (every indicator, and each aggregate with a
   * target), by node in framework order, then by unit in data order.
   */
  rows: DocumentAssessment[];
  /**
   * The assessment window where a target names no baseline year: first and last year.
   *
   * @minItems 2
   * @maxItems 2
   */
  window: [unknown, unknown];
}
/**
 * One unit's assessment on one node.
 */
export interface DocumentAssessment {
  assessment: Assessment;
  /**
   * The target's baseline year, which started this row's window, if it named one.
   */
  baseline_year?: number | null;
  node: IndicatorCode;
  unit: UnitCode;
}
/**
 * The assessment of one series over one window. Serialised, a field that cannot be
 * computed is left out (never NaN).
 */
export interface Assessment {
  /**
   * Actual compound annual growth rate over the window (0.05 = 5 % a year).
   */
  actual_cagr?: number | null;
  /**
   * Actual linear change per year over the window.
   */
  actual_per_year?: number | null;
  class: Class;
  /**
   * Value in the window's last year.
   */
  end?: number | null;
  /**
   * Value at the deadline if the actual compound rate continues from the window's end.
   */
  projected_cagr?: number | null;
  /**
   * Value at the deadline if the actual linear change continues from the window's end.
   */
  projected_linear?: number | null;
  /**
   * `actual_cagr / required_cagr`, Eurostat's measure.
   */
  ratio?: number | null;
  /**
   * When the target is reached at the actual compound rate.
   */
  reach_cagr?: Reach | null;
  /**
   * When the target is reached at the actual linear change.
   */
  reach_linear?: Reach | null;
  /**
   * Why the class is [`Class::InsufficientData`] or [`Class::NotAssessable`].
   */
  reason?: Reason | null;
  /**
   * Compound annual rate from the window's first year to the target by the deadline.
   */
  required_cagr?: number | null;
  /**
   * Linear change per year needed from the window's first year to the target.
   */
  required_per_year?: number | null;
  /**
   * Value in the window's first year.
   */
  start?: number | null;
  /**
   * The target value, if any.
   */
  target?: number | null;
  /**
   * The deadline, if any.
   */
  target_year?: number | null;
  /**
   * SDSN's trend arrow (with a target only: it measures against the change needed).
   */
  trend?: Trend | null;
  /**
   * First and last year of the window.
   *
   * @minItems 2
   * @maxItems 2
   */
  window: [unknown, unknown];
}
/**
 * One unit with its names and group memberships.
 */
export interface Unit {
  code: UnitCode;
  /**
   * Group memberships, keyed by group column (`region4` → `West`).
   */
  groups: {
    [k: string]: string | undefined;
  };
  kind: UnitKind;
  /**
   * Name in the data's own language (`uName`).
   */
  name: string;
  /**
   * Names in other languages, keyed by language tag (`uName_en` → `en`).
   */
  names: {
    [k: string]: string | undefined;
  };
}
/**
 * One period's first half: the values the second half starts from.
 */
export interface DocumentYear {
  /**
   * Every node's weight before the siblings are rescaled, as this year's run used it; the
   * children of nodes with `derived_weights` take theirs from here. Omitted when no node
   * derives weights.
   */
  derived_weights?: number[] | null;
  /**
   * Units screened out this year (too little data): they keep their row, with no values.
   */
  dropped?: UnitCode[];
  /**
   * The indicators' values after denominating, imputing and treating, before normalising:
   * what a gap "in raw units" compares. Same layout as `values`.
   */
  raw: (number | null)[][];
  /**
   * Normalised values: one array per indicator (the indicators of `nodes`, in that order),
   * one cell per unit; null = missing.
   */
  values: (number | null)[][];
  /**
   * The year; null for data without a time column.
   */
  year?: number | null;
}
/**
 * The uncertain choices of a build, as a serde document.
 *
 * ```json
 * {
 *   "build": {"treat": {"default": {"method": "winsorise"}}},
 *   "treat": [{"method": "winsorise", "max_points": 1}, {"method": "winsorise", "max_points": 5}],
 *   "normalise": [{"method": "min_max", "low": 1, "high": 100},
 *                 {"method": "z_score", "mean": 10, "sd": 2}],
 *   "weights": {"noise": {"uniform": 0.25}, "levels": [2, 3]},
 *   "aggregate": [{"method": "amean"}, {"method": "gmean"}]
 * }
 * ```
 * An empty list or a missing field leaves that choice at the nominal build.
 */
export interface UncertaintySpec {
  /**
   * Alternative aggregations, each applied to every aggregate.
   */
  aggregate?: Aggregation[];
  build?: BuildSpec;
  drop?: DropMode;
  /**
   * Alternative imputations.
   */
  impute?: Imputation[];
  /**
   * Alternative normalisations (replacing the default normalisation).
   */
  normalise?: Normalisation[];
  /**
   * Alternative outlier treatments (replacing the default treatment).
   */
  treat?: Treatment[];
  /**
   * How many noisy weight vectors to draw (COINr's `Nrep` for `get_noisy_weights`).
   */
  weight_sets?: number | null;
  /**
   * Noise on the weights.
   */
  weights?: WeightNoise | null;
}
/**
 * Noise on the weights of the nodes at some levels.
 */
export interface WeightNoise {
  /**
   * Levels whose nodes get noisy weights (COINr's `noise_specs$Level`), e.g. `[2, 3]` for
   * pillars and sub-indices. Empty: every level.
   */
  levels?: number[];
  noise: Noise;
}
