// @ts-check
/**
 * The widget's user-interface text in Simplified Chinese and English. Placeholders are
 * `{name}`; numbers are formatted by the caller with `Intl.NumberFormat`.
 */

/** @typedef {"zh-CN" | "en"} Lang */

export const messages = {
  "zh-CN": {
    loading: "正在加载…",
    tabs: "视图",
    tabTable: "排名表",
    tabChart: "柱状图",
    caption: "{index} {year}：排名与得分",
    captionNoYear: "{index}：排名与得分",
    rank: "排名",
    unit: "地区",
    score: "得分",
    sortBy: "按{column}排序",
    notRanked: "不参与排名",
    showAll: "显示全部 {count} 行",
    chartTitle: "{index}得分",
    focus: "关注地区",
    year: "年份",
    weights: "权重",
    resetWeights: "恢复默认权重",
    gapTitle: "{unit}的差距",
    gapNode: "指标",
    gapLeader: "与第一名",
    gapBenchmark: "与对标组平均",
    gapNational: "与{name}",
    gapNote: "差距 = 比较对象得分 − 本地区得分；正数表示落后。",
    gapChart: "与对标组平均的差距（分项）",
    announce: "{unit}：第{rank}名，共{count}个",
    announceNone: "{unit}：无排名",
    largeText: "大字",
    highContrast: "高对比",
    display: "显示",
    downloads: "下载",
    downloadCsv: "下载表格（CSV）",
    downloadSvg: "下载图表（SVG）",
    downloadPng: "下载图表（PNG）",
    error: "无法显示该指数：{message}",
    errorFetch: "无法读取数据 {url}（HTTP {status}）",
    errorJson: "数据文件不是有效的 JSON：{message}",
    errorUnknown: "数据中没有代码为“{code}”的地区",
    errorFormat: "数据文件须含 data 和 meta 两个 CSV 文本字段，或 units、nodes、values",
  },
  en: {
    loading: "Loading…",
    tabs: "View",
    tabTable: "Table",
    tabChart: "Bar chart",
    caption: "{index} {year}: ranks and scores",
    captionNoYear: "{index}: ranks and scores",
    rank: "Rank",
    unit: "Unit",
    score: "Score",
    sortBy: "Sort by {column}",
    notRanked: "not ranked",
    showAll: "Show all {count} rows",
    chartTitle: "{index} scores",
    focus: "Focus unit",
    year: "Year",
    weights: "Weights",
    resetWeights: "Reset weights",
    gapTitle: "Gaps of {unit}",
    gapNode: "Component",
    gapLeader: "To the leader",
    gapBenchmark: "To the benchmark mean",
    gapNational: "To {name}",
    gapNote: "Gap = comparison's score − this unit's score; positive means behind.",
    gapChart: "Gap to the benchmark mean, by component",
    announce: "{unit}: rank {rank} of {count}",
    announceNone: "{unit}: not ranked",
    largeText: "Large text",
    highContrast: "High contrast",
    display: "Display",
    downloads: "Downloads",
    downloadCsv: "Download table (CSV)",
    downloadSvg: "Download chart (SVG)",
    downloadPng: "Download chart (PNG)",
    error: "Cannot show the index: {message}",
    errorFetch: "Cannot read the data {url} (HTTP {status})",
    errorJson: "The data file is not valid JSON: {message}",
    errorUnknown: "The data has no unit with the code “{code}”",
    errorFormat: "The data file needs CSV text in `data` and `meta`, or `units`, `nodes` and `values`",
  },
};

/** @typedef {keyof typeof messages.en} MessageKey */

/**
 * The widget's language: `en` for any English tag, else Simplified Chinese (the default).
 * @param {string | null | undefined} tag
 * @returns {Lang}
 */
export function language(tag) {
  return tag && /^en\b/i.test(tag) ? "en" : "zh-CN";
}

/**
 * A message with its placeholders filled in.
 * @param {Lang} lang
 * @param {MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
export function t(lang, key, params = {}) {
  return messages[lang][key].replace(/\{(\w+)\}/g, (_, name) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}
