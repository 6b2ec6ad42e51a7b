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
      /**
       * Sign of the penalty term.
       */
      penalty?: "negative" | "positive";
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
      /**
       * Which published convention.
       */
      convention?: "raw_proportions" | "raw_proportions_zero_column_max_weight" | "shifted_min_max";
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
      /**
       * How many components to keep.
       */
      retention?: "handbook" | "eigenvalue_above_one";
    };
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
  /**
   * Drop one indicator or one pillar at a time (or none).
   */
  drop?: "none" | "indicators" | "pillars";
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
 * The nominal build.
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
  /**
   * Imputation of missing cells.
   */
  impute?:
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
 * Aggregation, per node or level.
 */
export interface Aggregate {
  /**
   * An aggregation function with its parameters.
   */
  default?:
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
        /**
         * Sign of the penalty term.
         */
        penalty?: "negative" | "positive";
      };
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
 * Normalisation, per indicator.
 */
export interface Normalise {
  /**
   * Method for indicators not named below.
   */
  default?:
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
 * Ranking.
 */
export interface Ranking {
  /**
   * Which columns get ranks (default: all, as COINr's results tables).
   */
  columns?: "all" | "aggregates" | "index";
  /**
   * Round values to this many decimals before ranking (UNDP ranks the HDI on its published
   * three decimals). Scores themselves are returned unrounded.
   */
  round?: number | null;
  /**
   * Tie policy.
   */
  ties?: "min" | "dense" | "average" | "first";
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
 * Outlier treatment, per indicator.
 */
export interface PerIndicator {
  /**
   * Method for indicators not named below.
   */
  default?:
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
   * Overrides by indicator code.
   */
  indicators?: {
    [k: string]: Treatment | undefined;
  };
}
/**
 * Weights, per node.
 */
export interface Weights {
  /**
   * Method for nodes not named below.
   */
  default?:
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
        /**
         * Which published convention.
         */
        convention?:
          "raw_proportions" | "raw_proportions_zero_column_max_weight" | "shifted_min_max";
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
        /**
         * How many components to keep.
         */
        retention?: "handbook" | "eigenvalue_above_one";
      };
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
 * Noise on the weights of the nodes at some levels.
 */
export interface WeightNoise {
  /**
   * Levels whose nodes get noisy weights (COINr's `noise_specs$Level`), e.g. `[2, 3]` for
   * pillars and sub-indices. Empty: every level.
   */
  levels?: number[];
  /**
   * The distribution.
   */
  noise:
    | {
        uniform: number;
      }
    | {
        dirichlet: number;
      };
}
