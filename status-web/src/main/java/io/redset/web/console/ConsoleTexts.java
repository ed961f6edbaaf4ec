package io.redset.web.console;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The console's words in English and Simplified Chinese. The language is the one the visitor chose
 * on the public page (same session attribute), else the browser's. Stateless; thread-safe.
 */
public final class ConsoleTexts {

    /** The public page's session attribute for the chosen language ({@code en} or {@code zh}). */
    static final String LANG = "redset.status.lang";

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("console", new String[]{"RedSet console", "RedSet 控制台"}),
            Map.entry("signIn", new String[]{"Sign in", "登录"}),
            Map.entry("username", new String[]{"Username", "用户名"}),
            Map.entry("password", new String[]{"Password", "密码"}),
            Map.entry("badLogin", new String[]{"Wrong username or password", "用户名或密码错误"}),
            Map.entry("badLoginDetail", new String[]{"Check them and try again. After many failures sign-in pauses for a few minutes.",
                    "请检查后重试。多次失败后将暂停登录几分钟。"}),
            Map.entry("throttled", new String[]{"Too many failed sign-ins", "登录失败次数过多"}),
            Map.entry("throttledDetail", new String[]{"Sign-in from this address or for this user is paused; try again in a few minutes.",
                    "来自此地址或此用户的登录已暂停，请几分钟后重试。"}),
            Map.entry("signedOut", new String[]{"You are signed out.", "您已退出登录。"}),
            Map.entry("signOut", new String[]{"Sign out", "退出"}),
            Map.entry("publicPage", new String[]{"Public status page", "公开状态页"}),
            Map.entry("overview", new String[]{"Overview", "总览"}),
            Map.entry("alerts", new String[]{"Alerts", "告警"}),
            Map.entry("sets", new String[]{"SETs and degradation", "SET 与降级"}),
            Map.entry("audit", new String[]{"Audit log", "审计日志"}),
            Map.entry("signedInAs", new String[]{"Signed in as %s (%s)", "已登录：%s（%s）"}),
            Map.entry("firing", new String[]{"Firing alerts", "正在触发的告警"}),
            Map.entry("noFiring", new String[]{"No alert is firing.", "没有正在触发的告警。"}),
            Map.entry("mode", new String[]{"Mode", "模式"}),
            Map.entry("component", new String[]{"Public status", "公开状态"}),
            Map.entry("circuit", new String[]{"Circuit", "熔断器"}),
            Map.entry("queued", new String[]{"Queued claims", "排队中的领取"}),
            Map.entry("cached", new String[]{"Envelopes in memory", "内存中的红包"}),
            Map.entry("claimLimit", new String[]{"Claim limit", "领取限流"}),
            Map.entry("perSecond", new String[]{"%d/s", "%d/秒"}),
            Map.entry("notServed", new String[]{"served by another node", "由其他节点服务"}),
            Map.entry("lastChange", new String[]{"Last change: %s by %s: %s", "最近变更：%s，%s：%s"}),
            Map.entry("switchMode", new String[]{"Switch mode", "切换模式"}),
            Map.entry("newMode", new String[]{"New mode", "新模式"}),
            Map.entry("reason", new String[]{"Reason (required, shown in the audit log)", "原因（必填，记入审计日志）"}),
            Map.entry("reasonRequired", new String[]{"Say why the mode changes.", "请说明切换原因。"}),
            Map.entry("confirm", new String[]{"Switch", "确认切换"}),
            Map.entry("cancel", new String[]{"Cancel", "取消"}),
            Map.entry("confirmTitle", new String[]{"Switch SET %s to %s?", "将 SET %s 切换为 %s？"}),
            Map.entry("switched", new String[]{"SET %s is now %s.", "SET %s 已切换为 %s。"}),
            Map.entry("notAllowed", new String[]{"Your role does not allow this.", "您的角色无权执行此操作。"}),
            Map.entry("effectNORMAL", new String[]{"Users can send, open, claim and read details as usual.",
                    "用户可正常发送、打开、领取和查看详情。"}),
            Map.entry("effectDEGRADED", new String[]{"Rate limits drop to a quarter; envelope details are refused. The public page shows degraded performance.",
                    "限流降为四分之一；拒绝查看红包详情。公开状态页显示“性能下降”。"}),
            Map.entry("effectSEND_PAUSED", new String[]{"New envelopes go to other SETs; opening and claiming work. The public page says so.",
                    "新红包发往其他 SET；打开和领取照常。公开状态页会说明。"}),
            Map.entry("effectREAD_ONLY", new String[]{"Sending and claiming are paused; details still answer. The public page shows a partial outage.",
                    "暂停发送和领取；详情仍可查看。公开状态页显示部分故障。"}),
            Map.entry("effectOFFLINE", new String[]{"Everything on this SET is refused; money already claimed is safe. The public page shows an outage.",
                    "此 SET 拒绝所有请求；已领取的金额安全。公开状态页显示故障。"}),
            Map.entry("state", new String[]{"State", "状态"}),
            Map.entry("labels", new String[]{"Labels", "标签"}),
            Map.entry("since", new String[]{"Since", "开始于"}),
            Map.entry("acknowledge", new String[]{"Acknowledge", "确认"}),
            Map.entry("ackComment", new String[]{"Comment", "备注"}),
            Map.entry("acked", new String[]{"Acknowledged by %s: %s", "%s 已确认：%s"}),
            Map.entry("muted", new String[]{"muted", "已静默"}),
            Map.entry("noAlerts", new String[]{"No open alerts.", "没有未关闭的告警。"}),
            Map.entry("alertsOff", new String[]{"Alerts are switched off on this node.", "此节点未启用告警。"}),
            Map.entry("when", new String[]{"When", "时间"}),
            Map.entry("who", new String[]{"Who", "操作人"}),
            Map.entry("what", new String[]{"Action", "操作"}),
            Map.entry("target", new String[]{"Target", "对象"}),
            Map.entry("change", new String[]{"Before → after", "变更前 → 变更后"}),
            Map.entry("client", new String[]{"Client", "客户端"}),
            Map.entry("reasonShort", new String[]{"Reason", "原因"}),
            Map.entry("account", new String[]{"My account", "我的账户"}),
            Map.entry("currentPassword", new String[]{"Current password", "当前密码"}),
            Map.entry("newPassword", new String[]{"New password (at least 8 characters)", "新密码（至少 8 个字符）"}),
            Map.entry("changePassword", new String[]{"Change password", "修改密码"}),
            Map.entry("passwordChanged", new String[]{"Password changed. Use the new one from now on.", "密码已修改，今后请使用新密码。"}),
            Map.entry("notifications", new String[]{"Notifications", "通知"}),
            Map.entry("deliverNow", new String[]{"Deliver due rows now", "立即投递到期的通知"}),
            Map.entry("delivered", new String[]{"%d rows delivered.", "已投递 %d 条。"}),
            Map.entry("receiver", new String[]{"Receiver", "接收方"}),
            Map.entry("event", new String[]{"Event", "事件"}),
            Map.entry("attempts", new String[]{"Attempts", "尝试次数"}),
            Map.entry("lastError", new String[]{"Last error", "最近错误"}),
            Map.entry("noNotifications", new String[]{"The outbox is empty.", "发件箱为空。"}),
            Map.entry("maintenance", new String[]{"Maintenance", "维护"}),
            Map.entry("schedule", new String[]{"Schedule maintenance", "安排维护"}),
            Map.entry("maintenanceName", new String[]{"Title (public)", "标题（公开）"}),
            Map.entry("maintenanceBody", new String[]{"Notice for users (public)", "给用户的通知（公开）"}),
            Map.entry("startsAt", new String[]{"Starts (UTC)", "开始（UTC）"}),
            Map.entry("endsAt", new String[]{"Ends (UTC)", "结束（UTC）"}),
            Map.entry("maintenanceEffect", new String[]{"While it runs: shown on the public page, the components' alerts muted, their probes marked as in maintenance, the time left out of uptime; subscribers are told at start and end.",
                    "维护期间：公开状态页显示，相关组件的告警静默，探针标记为维护中，该时段不计入可用率；开始和结束时通知订阅者。"}),
            Map.entry("scheduled", new String[]{"Maintenance scheduled.", "维护已安排。"}),
            Map.entry("maintenances", new String[]{"Active and upcoming maintenance", "进行中和即将进行的维护"}),
            Map.entry("noMaintenance", new String[]{"None scheduled.", "没有安排。"}),
            Map.entry("completeNow", new String[]{"Complete now", "立即完成"}),
            Map.entry("completed", new String[]{"Maintenance completed.", "维护已完成。"}),
            Map.entry("timesRequired", new String[]{"Start and end are required.", "开始和结束时间为必填。"}),
            Map.entry("pauseAll", new String[]{"Pause sends on all SETs", "暂停所有 SET 的发送"}),
            Map.entry("pauseAllTitle", new String[]{"Pause sends on every SET in NORMAL or DEGRADED?", "暂停所有 NORMAL 或 DEGRADED 状态 SET 的发送？"}),
            Map.entry("pauseAllText", new String[]{"New envelopes are refused everywhere; opening and claiming keep working. SETs that are read-only or offline stay so.",
                    "所有新红包将被拒绝；打开和领取照常。只读或离线的 SET 保持不变。"}),
            Map.entry("pausedAll", new String[]{"Sends paused on %d SETs.", "已暂停 %d 个 SET 的发送。"}),
            Map.entry("limits", new String[]{"Limits (live)", "限流（实时）"}),
            Map.entry("sendLimit", new String[]{"Sends/s", "发送/秒"}),
            Map.entry("envelopeCap", new String[]{"Queued claims per envelope", "每个红包的排队上限"}),
            Map.entry("limitsInvalid", new String[]{"Every limit is a whole number of at least 1.", "每项限流须为不小于 1 的整数。"}),
            Map.entry("saveLimits", new String[]{"Save limits", "保存限流"}),
            Map.entry("limitsSaved", new String[]{"SET %s limits saved.", "SET %s 限流已保存。"}),
            Map.entry("incidents", new String[]{"Incidents", "事件"}),
            Map.entry("declare", new String[]{"Declare an incident", "宣布事件"}),
            Map.entry("declareFromAlert", new String[]{"Declare an incident from this alert", "根据此告警宣布事件"}),
            Map.entry("incidentName", new String[]{"Title (public)", "标题（公开）"}),
            Map.entry("incidentBody", new String[]{"What users should know (public)", "用户需要知道的信息（公开）"}),
            Map.entry("impact", new String[]{"Impact", "影响"}),
            Map.entry("affected", new String[]{"Affected components", "受影响的组件"}),
            Map.entry("affectedStatus", new String[]{"Their status", "其状态"}),
            Map.entry("openIncidents", new String[]{"Open incidents", "未解决的事件"}),
            Map.entry("noOpenIncidents", new String[]{"No open incident.", "没有未解决的事件。"}),
            Map.entry("postUpdate", new String[]{"Post update", "发布进展"}),
            Map.entry("updateBody", new String[]{"Update (public)", "进展（公开）"}),
            Map.entry("timeline", new String[]{"Timeline: public updates and RedSet's own changes meanwhile",
                    "时间线：公开进展及期间 RedSet 自身的变更"}),
            Map.entry("publicUpdate", new String[]{"public update", "公开进展"}),
            Map.entry("redsetChange", new String[]{"RedSet change", "RedSet 变更"}),
            Map.entry("declared", new String[]{"Incident declared: it is on the public page now.", "事件已宣布，公开状态页已显示。"}),
            Map.entry("users", new String[]{"Users", "用户"}),
            Map.entry("actions", new String[]{"Actions", "操作"}),
            Map.entry("role", new String[]{"Role", "角色"}),
            Map.entry("enabled", new String[]{"Enabled", "已启用"}),
            Map.entry("disabled", new String[]{"Disabled", "已停用"}),
            Map.entry("created", new String[]{"Created", "创建时间"}),
            Map.entry("newUser", new String[]{"New user", "新用户"}),
            Map.entry("create", new String[]{"Create", "创建"}),
            Map.entry("save", new String[]{"Save", "保存"}),
            Map.entry("disable", new String[]{"Disable", "停用"}),
            Map.entry("enable", new String[]{"Enable", "启用"}),
            Map.entry("resetPassword", new String[]{"Reset password", "重置密码"}),
            Map.entry("passwordOnce", new String[]{"Password for %s (shown once, give it to them safely): %s",
                    "%s 的密码（只显示一次，请安全地交给对方）：%s"}),
            Map.entry("silence", new String[]{"Silence", "静默"}),
            Map.entry("silenceFor", new String[]{"For", "时长"}),
            Map.entry("silenceComment", new String[]{"Why (required)", "原因（必填）"}),
            Map.entry("silenceMatchers", new String[]{"Silences every alert with %s", "静默所有带有 %s 的告警"}),
            Map.entry("silenced", new String[]{"Silence %d by %s until %s: %s", "静默 %d（%s，至 %s）：%s"}),
            Map.entry("commentRequired", new String[]{"Say why.", "请说明原因。"}),
            Map.entry("requestsPerSecond", new String[]{"Requests/s (1 min)", "请求/秒（1 分钟）"}),
            Map.entry("claimsPerSecond", new String[]{"Claims/s (1 min)", "领取/秒（1 分钟）"}),
            Map.entry("errorRatio", new String[]{"Errors (5 min)", "错误率（5 分钟）"}),
            Map.entry("rejectionRatio", new String[]{"Rejected (5 min)", "拒绝率（5 分钟）"}),
            Map.entry("p99", new String[]{"p99 (5 min)", "p99（5 分钟）"}),
            Map.entry("noTraffic", new String[]{"no requests", "无请求"}),
            Map.entry("chartLabel", new String[]{"Claims per second on SET %s, last 15 minutes", "SET %s 最近 15 分钟每秒领取数"}),
            Map.entry("confirmTraffic", new String[]{" In the last 15 minutes this SET served %d requests here.",
                    " 最近 15 分钟此 SET 在本节点处理了 %d 个请求。"}),
            Map.entry("returnAfter", new String[]{"Back to NORMAL by itself", "自动恢复为 NORMAL"}),
            Map.entry("returnNever", new String[]{"No, stay until changed", "否，保持到手动更改"}),
            Map.entry("returnIn", new String[]{"after %s", "%s 后"}),
            Map.entry("returnsAt", new String[]{"Returns to NORMAL by itself at %s (in %s)", "将于 %s 自动恢复为 NORMAL（还有 %s）"}),
            Map.entry("confirmReturn", new String[]{" It returns to NORMAL by itself after %s.", " %s 后自动恢复为 NORMAL。"}),
            Map.entry("filter", new String[]{"Action or family (e.g. set)", "操作或类别（如 set）"}),
            Map.entry("actor", new String[]{"Actor", "操作人"}),
            Map.entry("apply", new String[]{"Filter", "筛选"}),
            Map.entry("noRows", new String[]{"Nothing found.", "未找到记录。"}));

    private final boolean zh;

    private ConsoleTexts(boolean zh) {
        this.zh = zh;
    }

    /** The texts of the current Vaadin session. */
    public static ConsoleTexts current() {
        VaadinSession session = VaadinSession.getCurrent();
        Object lang = session == null ? null : session.getAttribute(LANG);
        if (lang == null) {
            VaadinRequest request = VaadinRequest.getCurrent();
            Locale l = request == null ? null : request.getLocale();
            return new ConsoleTexts(l != null && "zh".equals(l.getLanguage()));
        }
        return new ConsoleTexts("zh".equals(lang));
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A time for people: to the second, in UTC, said so (on-call engineers compare it with logs). */
    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** Labels as people read them: sorted, {@code alertname=X, set=03}. */
    public static String labels(java.util.Map<String, String> labels) {
        return new java.util.TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean chinese() {
        return zh;
    }

    public String lang() {
        return zh ? "zh-CN" : "en";
    }

    public String t(String key, Object... args) {
        String[] w = WORDS.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no console text " + key);
        }
        String text = w[zh ? 1 : 0];
        return args.length == 0 ? text : String.format(text, args);
    }
}
