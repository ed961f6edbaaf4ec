package io.redset.web.ui;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.Indicator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The public page's words in English and Simplified Chinese, and its time formats. Times are always
 * shown in the viewer's zone, and the zone is named next to them.
 */
public final class StatusTexts {

    public enum Lang {
        EN("en", Locale.ENGLISH), ZH("zh-CN", Locale.SIMPLIFIED_CHINESE);

        final String tag;
        final Locale locale;

        Lang(String tag, Locale locale) {
            this.tag = tag;
            this.locale = locale;
        }

        static Lang of(Locale locale) {
            return locale != null && "zh".equals(locale.getLanguage()) ? ZH : EN;
        }
    }

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("title", new String[]{"status", "运行状态"}),
            Map.entry("switchLanguage", new String[]{"中文", "English"}),
            Map.entry("switchLanguageLabel", new String[]{"切换到中文", "Switch to English"}),
            Map.entry("dark", new String[]{"Dark", "深色"}),
            Map.entry("light", new String[]{"Light", "浅色"}),
            Map.entry("themeLabel", new String[]{"Switch between light and dark colours", "切换浅色或深色外观"}),
            Map.entry("activeIncidents", new String[]{"Active incidents", "正在处理的事件"}),
            Map.entry("maintenance", new String[]{"Scheduled maintenance", "计划维护"}),
            Map.entry("components", new String[]{"Components", "组件"}),
            Map.entry("pastIncidents", new String[]{"Past incidents", "过往事件"}),
            Map.entry("noIncidentsDay", new String[]{"No incidents reported.", "没有报告事件。"}),
            Map.entry("timeline", new String[]{"Full timeline", "完整时间线"}),
            Map.entry("latestUpdate", new String[]{"Latest update", "最新进展"}),
            Map.entry("impact", new String[]{"Impact", "影响"}),
            Map.entry("affects", new String[]{"Affects", "影响组件"}),
            Map.entry("window", new String[]{"Window", "时间窗口"}),
            Map.entry("uptime90", new String[]{"%s uptime over 90 days", "90 天可用率 %s"}),
            Map.entry("uptimeBarLabel", new String[]{"Uptime of %s over the last 90 days: %s", "%s 最近 90 天可用率：%s"}),
            Map.entry("noData", new String[]{"no data", "无数据"}),
            Map.entry("problemDays", new String[]{"Days with issues in the last 90 days: %d", "最近 90 天有问题的日期：%d 天"}),
            Map.entry("uptimeNoData", new String[]{"No uptime data yet", "暂无可用率数据"}),
            Map.entry("modeDEGRADED", new String[]{"Degraded mode: tighter limits, envelope details paused",
                    "降级运行：限流收紧，暂停查看红包详情"}),
            Map.entry("modeSEND_PAUSED", new String[]{"Sending paused here: new envelopes go to other SETs, opening works",
                    "暂停发红包：新红包由其他 SET 处理，拆红包正常"}),
            Map.entry("modeREAD_ONLY", new String[]{"Read-only: opening paused, your share is safe",
                    "只读：暂停拆红包，您的红包金额安全"}),
            Map.entry("modeOFFLINE", new String[]{"Offline: sending and opening paused, money is safe",
                    "离线：暂停发红包和拆红包，资金安全"}),
            Map.entry("uptimeDay", new String[]{"uptime", "可用率"}),
            Map.entry("incidentsOfDay", new String[]{"Incidents", "事件"}),
            Map.entry("noIncidents", new String[]{"no incidents", "无事件"}),
            Map.entry("daysAgo90", new String[]{"90 days ago", "90 天前"}),
            Map.entry("today", new String[]{"Today", "今天"}),
            Map.entry("sparklineLabel", new String[]{"Median response time of %s, last 30 days; latest %s",
                    "%s 最近 30 天响应时间中位数；最新 %s"}),
            Map.entry("responseTime", new String[]{"Response time", "响应时间"}),
            Map.entry("lastUpdated", new String[]{"Last updated %s.", "最后更新于 %s。"}),
            Map.entry("staleData", new String[]{"The status database cannot be reached right now: incidents and maintenance are shown as of %s.",
                    "当前无法连接状态数据库：事件与维护信息截至 %s。"}),
            Map.entry("refreshNote", new String[]{"This page refreshes itself every %d seconds.", "本页每 %d 秒自动刷新。"}),
            Map.entry("history", new String[]{"Incident history", "事件历史"}),
            Map.entry("backToStatus", new String[]{"Current status", "当前状态"}),
            Map.entry("newer", new String[]{"Newer", "较新"}),
            Map.entry("older", new String[]{"Older", "较早"}),
            Map.entry("pageOf", new String[]{"Page %d of %d", "第 %d 页，共 %d 页"}),
            Map.entry("noHistory", new String[]{"Nothing has happened yet.", "暂无记录。"}),
            Map.entry("notFound", new String[]{"No incident with this address.", "找不到该事件。"}),
            Map.entry("postmortem", new String[]{"Postmortem", "事后分析"}),
            Map.entry("feeds", new String[]{"Feeds", "订阅源"}),
            Map.entry("api", new String[]{"API", "API"}),
            Map.entry("nav", new String[]{"Status page", "状态页"}),
            Map.entry("started", new String[]{"Started", "开始于"}),
            Map.entry("resolved", new String[]{"Resolved", "解决于"}),
            Map.entry("subscribe", new String[]{"Subscribe to updates", "订阅更新"}),
            Map.entry("subscribeLabel", new String[]{"E-mail address or webhook URL (we send a confirmation link first)",
                    "电子邮件地址或 Webhook 地址（我们会先发送确认链接）"}),
            Map.entry("subscribeLabelWebhook", new String[]{"Webhook URL (we send a confirmation first)",
                    "Webhook 地址（我们会先发送确认消息）"}),
            Map.entry("subscribeInvalidWebhook", new String[]{"Please enter a public http(s) URL.",
                    "请输入有效的公网 http(s) 地址。"}),
            Map.entry("subscribeSent", new String[]{"Check your inbox or webhook: confirm the subscription with the link we sent.",
                    "请查收确认消息，并通过其中的链接确认订阅。"}),
            Map.entry("subscribeInvalid", new String[]{"Please enter a valid e-mail address or a public http(s) URL.",
                    "请输入有效的电子邮件地址或公网 http(s) 地址。"}),
            Map.entry("subscribeFailed", new String[]{"Subscribing is not possible right now; please try again later.",
                    "暂时无法订阅，请稍后再试。"}),
            Map.entry("subscribeTooMany", new String[]{"Too many subscription requests; please try again in a few minutes.",
                    "订阅请求过多，请几分钟后再试。"}),
            Map.entry("subscribeSomeComponents", new String[]{"Only some components (optional)", "仅订阅部分组件（可选）"}),
            Map.entry("subscriptionTitle", new String[]{"Your subscription", "您的订阅"}),
            Map.entry("subscriptionUnknown", new String[]{"This link is not valid any more: the subscription was ended, "
                    + "or it was never confirmed within 7 days. You can subscribe again on the status page.",
                    "此链接已失效：订阅已取消，或未在 7 天内确认。您可以在状态页重新订阅。"}),
            Map.entry("subscriptionTarget", new String[]{"Updates go to: %s", "更新发送至：%s"}),
            Map.entry("subscriptionPending", new String[]{"Not confirmed yet: use the link in the confirmation message.",
                    "尚未确认：请使用确认消息中的链接。"}),
            Map.entry("subscriptionConfirmed", new String[]{"Subscription confirmed.", "订阅已确认。"}),
            Map.entry("subscriptionFollowsAll", new String[]{"You get updates for all components, including new ones.",
                    "您将收到所有组件（包括新增组件）的更新。"}),
            Map.entry("subscriptionFollows", new String[]{"You get updates for: %s.", "您将收到以下组件的更新：%s。"}),
            Map.entry("subscriptionManage", new String[]{"Change components or unsubscribe", "修改组件或取消订阅"}),
            Map.entry("subscriptionComponents", new String[]{"Components to follow", "关注的组件"}),
            Map.entry("subscriptionComponentsHint", new String[]{"Choose none to follow all components.",
                    "不选择任何组件即关注全部组件。"}),
            Map.entry("subscriptionSave", new String[]{"Save", "保存"}),
            Map.entry("subscriptionSaved", new String[]{"Saved.", "已保存。"}),
            Map.entry("subscriptionUnsubscribe", new String[]{"Unsubscribe", "取消订阅"}),
            Map.entry("subscriptionUnsubscribed", new String[]{"You are unsubscribed; no more messages will be sent to you.",
                    "您已取消订阅，我们不会再向您发送消息。"}));

    private final Lang lang;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    public StatusTexts(Lang lang, ZoneId zone) {
        this.lang = lang;
        this.zone = zone;
        this.dateTime = DateTimeFormatter.ofPattern(lang == Lang.ZH ? "yyyy年M月d日 HH:mm" : "d MMM yyyy, HH:mm", lang.locale)
                .withZone(zone);
        this.date = DateTimeFormatter.ofPattern(lang == Lang.ZH ? "yyyy年M月d日" : "d MMM yyyy", lang.locale);
    }

    public Lang lang() {
        return lang;
    }

    public ZoneId zone() {
        return zone;
    }

    public String t(String key) {
        String[] w = WORDS.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return w[lang.ordinal()];
    }

    public String f(String key, Object... args) {
        return String.format(lang.locale, t(key), args);
    }

    /** A time in the viewer's zone with the zone named: {@code 21 Nov 2026, 18:32 (Asia/Shanghai)}. */
    public String time(Instant t) {
        return t == null ? "" : dateTime.format(t) + " (" + zone.getId() + ")";
    }

    public String timeOnly(Instant t) {
        return t == null ? "" : dateTime.format(t);
    }

    public String date(java.time.LocalDate d) {
        return date.format(d);
    }

    public String status(ComponentStatus s) {
        return switch (s) {
            case OPERATIONAL -> lang == Lang.ZH ? "正常运行" : "Operational";
            case DEGRADED_PERFORMANCE -> lang == Lang.ZH ? "性能下降" : "Degraded performance";
            case PARTIAL_OUTAGE -> lang == Lang.ZH ? "部分中断" : "Partial outage";
            case MAJOR_OUTAGE -> lang == Lang.ZH ? "严重中断" : "Major outage";
            case UNDER_MAINTENANCE -> lang == Lang.ZH ? "维护中" : "Under maintenance";
        };
    }

    public String indicator(Indicator i) {
        return switch (i) {
            case NONE -> lang == Lang.ZH ? "所有系统运行正常" : "All Systems Operational";
            case MINOR -> lang == Lang.ZH ? "部分服务轻微中断" : "Minor Service Outage";
            case MAJOR -> lang == Lang.ZH ? "部分系统中断" : "Partial System Outage";
            case CRITICAL -> lang == Lang.ZH ? "重大服务中断" : "Major Service Outage";
            case MAINTENANCE -> lang == Lang.ZH ? "服务维护中" : "Service Under Maintenance";
        };
    }

    public String incidentStatus(IncidentStatus s) {
        return switch (s) {
            case INVESTIGATING -> lang == Lang.ZH ? "调查中" : "Investigating";
            case IDENTIFIED -> lang == Lang.ZH ? "已确认原因" : "Identified";
            case MONITORING -> lang == Lang.ZH ? "监控中" : "Monitoring";
            case RESOLVED -> lang == Lang.ZH ? "已解决" : "Resolved";
            case POSTMORTEM -> lang == Lang.ZH ? "事后分析" : "Postmortem";
            case SCHEDULED -> lang == Lang.ZH ? "已计划" : "Scheduled";
            case IN_PROGRESS -> lang == Lang.ZH ? "进行中" : "In progress";
            case VERIFYING -> lang == Lang.ZH ? "验证中" : "Verifying";
            case COMPLETED -> lang == Lang.ZH ? "已完成" : "Completed";
        };
    }

    public String impact(Impact i) {
        return switch (i) {
            case NONE -> lang == Lang.ZH ? "无" : "None";
            case MINOR -> lang == Lang.ZH ? "轻微" : "Minor";
            case MAJOR -> lang == Lang.ZH ? "严重" : "Major";
            case CRITICAL -> lang == Lang.ZH ? "重大" : "Critical";
            case MAINTENANCE -> lang == Lang.ZH ? "维护" : "Maintenance";
        };
    }

    /** A symbol for the status, so it is never told by colour alone (the text follows it). */
    public static String icon(ComponentStatus s) {
        return switch (s) {
            case OPERATIONAL -> "\u2714";          // check mark
            case DEGRADED_PERFORMANCE -> "\u25B2"; // triangle
            case PARTIAL_OUTAGE -> "\u25C6";       // diamond
            case MAJOR_OUTAGE -> "\u2716";         // cross
            case UNDER_MAINTENANCE -> "\u2692";    // hammer and pick
        };
    }

    public static String icon(Indicator i) {
        return switch (i) {
            case NONE -> "\u2714";
            case MINOR -> "\u25B2";
            case MAJOR -> "\u25C6";
            case CRITICAL -> "\u2716";
            case MAINTENANCE -> "\u2692";
        };
    }
}
