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
    tabMap: "地图",
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
    mapTitle: "{index}：得分地图",
    mapLegend: "得分分级（各级约含五分之一的排名地区）",
    mapUnitTitle: "{unit}：{score}（第{rank}名）",
    mapNoRankTitle: "{unit}：{score}（无排名）",
    mapNoScoreTitle: "{unit}：无得分",
    mapReferenceTitle: "{unit}：{score}（参照，不参与排名）",
    mapNotInData: "{name}：数据中没有该地区",
    mapNoData: "无得分或数据中没有该地区",
    mapMissing: "地图中没有这些地区的图形：{names}。",
    mapUnmatched: "地图中这些图形在数据中没有对应地区：{names}。",
    mapTableNote: "排名表列出全部得分和排名。",
    mapError: "无法显示地图：{message}",
    mapErrorOrigin: "地图须来自本网站，不能来自 {url}",
    mapErrorFetch: "无法读取地图 {url}（HTTP {status}）",
    mapErrorJson: "地图 {url} 不是有效的 JSON：{message}",
    mapErrorFormat: "地图 {url} 不是 GeoJSON FeatureCollection",
    mapErrorEmpty: "地图 {url} 中没有图形",
    mapErrorGeometry: "地图第 {number} 个图形是 {type}：只能绘制 Polygon 和 MultiPolygon",
    mapErrorKey: "地图第 {number} 个图形没有“{key}”属性",
    mapErrorCoordinates: "地图第 {number} 个图形的坐标无效：须为经纬度（度）",
  },
  en: {
    loading: "Loading…",
    tabs: "View",
    tabTable: "Table",
    tabChart: "Bar chart",
    tabMap: "Map",
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
    mapTitle: "{index}: map of scores",
    mapLegend: "Score classes (each about a fifth of the ranked units)",
    mapUnitTitle: "{unit}: {score} (rank {rank})",
    mapNoRankTitle: "{unit}: {score} (not ranked)",
    mapNoScoreTitle: "{unit}: no score",
    mapReferenceTitle: "{unit}: {score} (reference, not ranked)",
    mapNotInData: "{name}: not in the data",
    mapNoData: "No score, or not in the data",
    mapMissing: "No shape in the map for {names}.",
    mapUnmatched: "Shapes in the map with no unit in the data: {names}.",
    mapTableNote: "The ranking table lists every score and rank.",
    mapError: "Cannot show the map: {message}",
    mapErrorOrigin: "The map must come from this site, not {url}",
    mapErrorFetch: "Cannot read the map {url} (HTTP {status})",
    mapErrorJson: "The map {url} is not valid JSON: {message}",
    mapErrorFormat: "The map {url} is not a GeoJSON FeatureCollection",
    mapErrorEmpty: "The map {url} has no features",
    mapErrorGeometry: "Map feature {number} is {type}: only Polygon and MultiPolygon can be drawn",
    mapErrorKey: "Map feature {number} has no “{key}” property",
    mapErrorCoordinates: "Map feature {number} has invalid coordinates: they must be longitude and latitude in degrees",
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
