package io.lurker.analytics.dashboard;

import static io.lurker.analytics.testing.Expected.num;
import static io.lurker.analytics.testing.Expected.percent;
import static io.lurker.analytics.testing.Expected.time;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.analytics.testing.EmulatorSeed;
import io.lurker.analytics.testing.Expected;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in Debian's Chromium (Playwright), against the analytics of a seeded emulator
 * world published through the real RabbitMQ ({@link EmulatorSeed}). Every page is opened with its
 * state in the URL, its figures are compared with {@link Expected} (computed from what was
 * published), its CSV export is read back, and a screenshot lands in
 * {@code target/dashboard-screenshots/}. One Quarkus start, one emulator, one browser.
 */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "tiny"),
        @ResourceArg(name = EmulatorTestResource.SEED, value = "42"),
        @ResourceArg(name = EmulatorTestResource.CLOCK, value = "manual")})
class DashboardTest {

    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private static EmulatorSeed seed;
    private static Expected expected;
    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    private BrowserContext context;
    private Page page;

    @BeforeEach
    void seedAndOpenBrowser() throws Exception {
        seeded();
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync")));
        }
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 900).setAcceptDownloads(true));
        page = context.newPage();
        page.setDefaultTimeout(20_000);
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
        }
    }

    private static double changePercent(double now, double before) {
        double n = Math.round(now * 100) / 100.0;
        double b = Math.round(before * 100) / 100.0;
        return Math.round(100 * (n - b) / b * 100) / 100.0;
    }

    /** Seeds once per run: S is the last quarter hour at least three hours ago rounded so that E = S + 3 h ≤ now. */
    private static synchronized void seeded() throws Exception {
        if (seed != null) {
            return;
        }
        // -Ddashboard.seed.now=<RFC 3339> replays another moment of the world (within the last 18 h: chat retention, freshness)
        Instant now = Instant.parse(System.getProperty("dashboard.seed.now", Instant.now().toString()));
        Instant s = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 900) * 900).minus(Duration.ofHours(3));
        String url = ConfigProvider.getConfig().getValue("lurker.test.emulator.url", String.class);
        String key = ConfigProvider.getConfig().getValue("lurker.test.emulator.admin-key", String.class);
        EmulatorSeed fresh = new EmulatorSeed(url, key, s);
        try (Broker broker = new Broker()) {
            fresh.publish(broker);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                Db.count("SELECT count(*) FROM stream_snapshot") == fresh.snapshotRows()
                        && Db.count("SELECT count(*) FROM category_snapshot") == fresh.categoryRows()
                        && Db.count("SELECT count(*) FROM chat_message") == fresh.chat.size()
                        && Db.count("SELECT count(*) FROM vod") == fresh.vods.size()
                        && Db.count("SELECT count(*) FROM clip") == fresh.clips.size()
                        && Db.count("SELECT count(*) FROM channel_follower_sample") == 12);
        Files.createDirectories(SCREENSHOTS);
        expected = new Expected(fresh);
        seed = fresh;
    }

    // ---- pages

    @Test
    void channelPageShowsTheSummaryTimelineChatAndHighlights() throws Exception {
        EmulatorSeed.Watched main = seed.main();
        open("?page=channel&login=" + main.login() + "&from=" + seed.s + "&to=" + seed.e + "&g=15m");
        Expected.Period current = expected.period(main.id(), seed.s, seed.e);
        Expected.Period previous = expected.period(main.id(), seed.p, seed.s);
        assertThat(current.airtimeSeconds()).as("the main channel was live at S").isPositive();
        assertFigure("averageViewers", num(current.average(), 1), num(previous.average(), 1));
        assertFigure("peakViewers", num((double) current.peak(), 0), previous.peak() == null ? "–" : num((double) previous.peak(), 0));
        assertFigure("hoursWatched", num(current.hoursWatched(), 1), num(previous.hoursWatched(), 1));
        assertFigure("airtimeHours", num(current.airtimeSeconds() / 3600, 2), num(previous.airtimeSeconds() / 3600, 2));
        assertFigure("streams", num(current.streams()), num(previous.streams()));
        long gained = expected.followersBefore(main.id(), seed.e) - expected.followersAt(main.id(), seed.s);
        long gainedBefore = expected.followersBefore(main.id(), seed.s) - expected.followersAt(main.id(), seed.p);
        assertFigure("followersGained", num(gained), num(gainedBefore));
        assertFigure("followersPerHour", num(gained / (current.airtimeSeconds() / 3600), 1), null);
        if (previous.average() != null && previous.average() > 0) {
            assertThat(page.locator("[data-figure=averageViewers] .change").innerText())
                    // as the service computes it: from the averages it reports (rounded to 2 decimals), not from
                    // exact ones — else the figure differs at a rounding boundary (-8.1 % against -8 % at some moments)
                    .isEqualTo(percent(changePercent(current.average(), previous.average())));
        }
        assertThat(page.locator("[data-figure=coveragePercent] .value").innerText()).isEqualTo("100 %");

        // the viewer timeline: 12 quarter hours, each a time-weighted average of its 2-minute polls
        List<String[]> viewers = csv("viewers");
        assertThat(viewers).hasSize(13);
        assertThat(viewers.get(0)).containsExactly("start", "averageViewers", "peakViewers", "liveMinutes", "coveragePercent");
        for (int b = 0; b < 12; b++) {
            Instant from = seed.s.plus(Duration.ofMinutes(15L * b));
            Expected.Period bucket = expected.period(main.id(), from, from.plus(Duration.ofMinutes(15)));
            String[] row = viewers.get(b + 1);
            assertThat(row[0]).isEqualTo(from.toString());
            if (bucket.average() == null) {
                assertThat(row[1]).isEmpty();
            } else {
                assertThat(Double.parseDouble(row[1])).as("bucket %s", from).isCloseTo(bucket.average(),
                        org.assertj.core.data.Offset.offset(0.01));
                // peak: the highest poll inside the bucket (none when only an earlier poll's stretch reaches into it)
                assertThat(row[2]).isEqualTo(bucket.peak() == null ? "" : Integer.toString(bucket.peak()));
            }
        }
        assertThat(page.locator("[data-panel=viewers] canvas").count()).isPositive();

        // game/title/online markers, as many as the polls show changes
        List<EmulatorSeed.Poll> markers = expected.markers(main.id(), seed.s, seed.e);
        assertThat(page.locator("[data-panel=markers] tbody tr").count()).isEqualTo(markers.size());
        assertThat(csv("markers")).hasSize(markers.size() + 1);

        // chat: totals, messages per minute per bucket
        assertThat(page.locator("[data-figure=chatMessages] .value").innerText()).isEqualTo(num(seed.chat.size()));
        assertThat(page.locator("[data-figure=uniqueChatters] .value").innerText()).isEqualTo(num(expected.uniqueChatters()));
        List<String[]> chatRate = csv("chat-rate");
        assertThat(chatRate).hasSize(13);
        Instant spike = seed.s.plus(Duration.ofMinutes(EmulatorSeed.SPIKE_MINUTE));
        long inSpikeBucket = seed.chat.stream().filter(m -> !m.sentAt().isBefore(spike)
                && m.sentAt().isBefore(spike.plus(Duration.ofMinutes(15)))).count();
        assertThat(chatRate.get(1 + EmulatorSeed.SPIKE_MINUTE / 15)[1]).isEqualTo(Long.toString(inSpikeBucket));

        // the spike: one highlight at minute 120, linked to the VOD running then (offset) and the clips made then
        Locator highlight = page.locator("[data-panel=highlights] tbody tr");
        assertThat(highlight.count()).isEqualTo(1);
        assertThat(highlight.locator("td[data-col=peak]").innerText()).isEqualTo(time(spike));
        assertThat(highlight.locator("td[data-col=peakMessagesPerMinute]").innerText()).isEqualTo("60");
        assertThat(highlight.locator("td[data-col=topEmotes]").innerText()).startsWith("PogChamp");
        VodRecord vod = expected.vodAt(main.id(), spike);
        if (vod == null) {
            assertThat(highlight.locator("td[data-col=vodUrl]").innerText()).isEqualTo("–");
        } else {
            long offset = spike.getEpochSecond() - vod.createdAt().getEpochSecond();
            assertThat(highlight.locator("a.vod").getAttribute("href"))
                    .isEqualTo("https://www.twitch.tv/videos/" + vod.id() + "?t=" + Expected.duration(offset));
        }
        List<String> clipUrls = expected.topClips(List.of(main.id()), spike.minusSeconds(120), spike.plusSeconds(180)).stream()
                .limit(10).map(ClipRecord::url).toList();
        assertThat(highlight.locator("a.clip").all().stream().map(a -> a.getAttribute("href")).toList())
                .containsExactlyInAnyOrderElementsOf(clipUrls);
        screenshot("channel");
    }

    @Test
    void comparePageShowsTheChannelsSideBySide() throws Exception {
        String logins = String.join(",", seed.watched.stream().map(EmulatorSeed.Watched::login).toList());
        open("?page=compare&logins=" + logins + "&from=" + seed.s + "&to=" + seed.e + "&g=1h");
        for (EmulatorSeed.Watched w : seed.watched) {
            Locator row = row("compare", "login", w.login());
            Expected.Period period = expected.period(w.id(), seed.s, seed.e);
            assertThat(row.locator("td[data-col=averageViewers]").innerText()).as(w.login()).isEqualTo(num(period.average(), 1));
            assertThat(row.locator("td[data-col=hoursWatched]").innerText()).isEqualTo(num(period.hoursWatched(), 1));
            assertThat(row.locator("td[data-col=followers]").innerText())
                    .isEqualTo(num(expected.followersBefore(w.id(), seed.e.plusSeconds(1))));
        }
        List<String[]> table = csv("compare");
        assertThat(table).hasSize(4);
        assertThat(table.get(0)[0]).isEqualTo("login");
        List<String[]> series = csv("compare-viewers");
        assertThat(series.get(0)).containsExactly("start", seed.watched.get(0).login(), seed.watched.get(1).login(),
                seed.watched.get(2).login());
        screenshot("compare");
    }

    @Test
    void categoriesPageShowsTrendingTopAndTheSeriesOfAGame() throws Exception {
        List<CategorySnapshot> latest = expected.categoriesAt(seed.e);
        CategorySnapshot first = latest.get(0);
        CategorySnapshot game = expected.steadyGame(seed.e);
        // trending compares with each game's poll nearest to now − N h: choose N so that falls inside [S, E]
        long hours = Math.max(0, Duration.between(seed.e, Instant.now()).toHours()) + 1;
        open("?page=categories&hours=" + hours + "&game=" + game.gameId() + "&from=" + seed.s + "&to=" + seed.e + "&g=15m");
        Locator topRow = page.locator("[data-panel=top] tbody tr").first();
        assertThat(topRow.locator("td[data-col=gameName]").innerText()).isEqualTo(first.gameName());
        assertThat(topRow.locator("td[data-col=viewers]").innerText()).isEqualTo(num(first.viewers()));
        assertThat(topRow.locator("td[data-col=streams]").innerText()).isEqualTo(num(first.streams()));
        assertThat(topRow.locator("td[data-col=viewersPerStream]").innerText())
                .isEqualTo(num((double) first.viewers() / first.streams(), 1));
        assertThat(page.locator("[data-panel=top] tbody tr").count()).isEqualTo(Math.min(25, latest.size()));
        // trending lists the games polled in the last hour (from its own poll up to now: bounds, not a race)
        Instant now = Instant.now();
        assertThat(page.locator("[data-panel=trending] tbody tr").count())
                .isBetween(Math.min(25, gamesPolledAfter(now.minus(Duration.ofMinutes(50)))),
                        Math.min(25, gamesPolledAfter(now.minus(Duration.ofMinutes(70)))));

        // the game's summary over [S, E): hours watched and streamed, averages over the covered hours, ratio
        double[] totals = expected.category(game.gameId(), seed.s, seed.e);
        assertThat(totals[2]).isPositive();
        assertThat(page.locator("[data-figure=hoursWatched] .value").innerText()).isEqualTo(num(totals[0] / 3600, 1));
        assertThat(page.locator("[data-figure=hoursStreamed] .value").innerText()).isEqualTo(num(totals[1] / 3600, 1));
        assertThat(page.locator("[data-figure=averageViewers] .value").innerText()).isEqualTo(num(totals[0] / totals[2], 1));
        assertThat(page.locator("[data-figure=averageChannels] .value").innerText()).isEqualTo(num(totals[1] / totals[2], 1));
        assertThat(page.locator("[data-figure=viewersPerChannel] .value").innerText()).isEqualTo(num(totals[0] / totals[1], 2));

        // its series per quarter hour: each bucket weighs the polls by the minutes they cover in it
        List<String[]> series = csv("series");
        assertThat(series).hasSize(13);
        assertThat(series.get(0)).containsExactly("start", "averageViewers", "averageChannels", "viewersPerChannel",
                "peakViewers", "coveragePercent");
        for (int b = 0; b < 12; b++) {
            Instant from = seed.s.plus(Duration.ofMinutes(15L * b));
            double[] bucket = expected.category(game.gameId(), from, from.plus(Duration.ofMinutes(15)));
            if (bucket[2] == 0) {
                assertThat(series.get(b + 1)[1]).as("bucket %s without coverage", from).isEmpty();
                continue;
            }
            assertThat(Double.parseDouble(series.get(b + 1)[1])).as("bucket %s", from)
                    .isCloseTo(bucket[0] / bucket[2], org.assertj.core.data.Offset.offset(0.01));
            assertThat(Double.parseDouble(series.get(b + 1)[2])).isCloseTo(bucket[1] / bucket[2],
                    org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(csv("ratio")).hasSize(13);
        screenshot("categories");
    }

    @Test
    void clipsPageShowsTopClipsAndTheirTrajectories() throws Exception {
        String logins = String.join(",", seed.watched.stream().map(EmulatorSeed.Watched::login).toList());
        Instant from = seed.s.minus(Duration.ofDays(7));
        open("?page=clips&login=" + logins + "&from=" + from + "&to=" + seed.e + "&sort=views");
        List<ClipRecord> top = expected.topClips(seed.watched.stream().map(EmulatorSeed.Watched::id).toList(), from, seed.e);
        assertThat(top).as("the watched channels have clips in the emulator world").isNotEmpty();
        Locator rows = page.locator("[data-panel=clips] tbody tr");
        assertThat(rows.count()).isEqualTo(Math.min(25, top.size()));
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            assertThat(rows.nth(i).locator("td[data-col=title]").innerText()).isEqualTo(top.get(i).title());
            assertThat(rows.nth(i).locator("td[data-col=views]").innerText()).isEqualTo(num(top.get(i).viewCount()));
        }
        // trajectories: the five best ranked clips shown that were sampled within a day of their creation
        List<ClipRecord> plotted = top.stream().limit(25).filter(c -> expected.trajectorySamples(c) > 0).limit(5).toList();
        assertThat(plotted).as("clips made during the seeded hours have first-day samples").isNotEmpty();
        List<String[]> trajectories = csv("trajectories");
        long samples = plotted.stream().mapToLong(expected::trajectorySamples).sum();
        assertThat(trajectories).hasSize((int) samples + 1);
        assertThat(trajectories.stream().skip(1).map(r -> r[0]).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(plotted.stream().map(ClipRecord::id).toList());
        assertThat(page.locator("[data-panel=trajectories] canvas").count()).isPositive();
        List<String[]> clipsCsv = csv("clips");
        assertThat(clipsCsv.get(1)[0]).isEqualTo(top.get(0).id());
        screenshot("clips");
    }

    @Test
    void chatPageShowsEmoteRankingsChattersAndSearch() throws Exception {
        EmulatorSeed.Watched main = seed.main();
        open("?page=chat&login=" + main.login() + "&from=" + seed.s + "&to=" + seed.e + "&q=gg");
        Locator twitch = page.locator("[data-panel=emotes-twitch] tbody tr").first();
        assertThat(twitch.locator("td[data-col=name]").innerText()).isEqualTo("PogChamp");
        assertThat(twitch.locator("td[data-col=uses]").innerText()).isEqualTo(num(expected.emoteUses("PogChamp")));
        assertThat(twitch.locator("td[data-col=shareOfProviderPercent]").innerText()).isEqualTo("100");
        Locator bttv = page.locator("[data-panel=emotes-bttv] tbody tr").first();
        assertThat(bttv.locator("td[data-col=name]").innerText()).isEqualTo("catJAM");
        assertThat(bttv.locator("td[data-col=uses]").innerText()).isEqualTo(num(expected.emoteUses("catJAM")));
        assertThat(page.locator("[data-panel=emotes-ffz]").innerText()).contains("Nothing in this range.");
        Map.Entry<String, Long> topChatter = expected.topChatter();
        Locator chatter = page.locator("[data-panel=chatters] tbody tr").first();
        assertThat(chatter.locator("td[data-col=messages]").innerText()).isEqualTo(num(topChatter.getValue()));
        assertThat(page.locator("[data-panel=chatters] tbody tr").count()).isEqualTo((int) Math.min(20, expected.uniqueChatters()));
        long matches = expected.messagesContaining("gg");
        assertThat(page.locator("[data-panel=search] h2").innerText()).contains("(" + Math.min(100, matches) + ")");
        assertThat(csv("search")).hasSize((int) Math.min(100, matches) + 1);
        assertThat(csv("emotes-twitch").get(1)).contains("PogChamp");
        screenshot("chat");
    }

    @Test
    void statusPageShowsTheWatchlistAndFreshness() throws Exception {
        open("?page=status&from=" + seed.s + "&to=" + seed.e + "&g=15m");
        assertThat(page.locator("[data-figure=watchedChannels] .value").innerText()).isEqualTo("3");
        // the ingest rate per quarter hour, per kind, by event time
        List<String[]> ingest = csv("ingest");
        assertThat(ingest).hasSize(13);
        assertThat(ingest.get(0)).containsExactly("start", "streamSnapshot", "chatMessage", "chatEvent", "streamEvent",
                "catalogChannel", "catalogClip", "catalogVod", "catalogCategory");
        for (int b = 0; b < 12; b++) {
            Instant from = seed.s.plus(Duration.ofMinutes(15L * b));
            Instant to = from.plus(Duration.ofMinutes(15));
            String[] row = ingest.get(b + 1);
            assertThat(row[0]).isEqualTo(from.toString());
            assertThat(Long.parseLong(row[1])).as("snapshots %s", from)
                    .isEqualTo(seed.polls.stream().filter(x -> within(x.at(), from, to)).count());
            assertThat(Long.parseLong(row[2])).as("chat %s", from)
                    .isEqualTo(seed.chat.stream().filter(m -> within(m.sentAt(), from, to)).count());
            assertThat(Long.parseLong(row[6])).as("clip samples %s", from).isEqualTo(seed.clipSamples.values().stream()
                    .flatMap(x -> x.keySet().stream()).filter(t -> within(t, from, to)).count());
            assertThat(Long.parseLong(row[8])).as("category snapshots %s", from).isEqualTo(seed.categories.entrySet()
                    .stream().filter(x -> within(x.getKey(), from, to)).mapToLong(x -> x.getValue().size()).sum());
        }
        assertThat(page.locator("[data-panel=ingest] canvas").count()).isPositive();
        Locator fresh = page.locator("[data-panel=freshness] tbody tr");
        assertThat(fresh.count()).isEqualTo(8);
        assertThat(freshness("stream-snapshot")).isEqualTo(time(seed.e));
        assertThat(freshness("catalog-category")).isEqualTo(time(seed.e));
        assertThat(freshness("catalog-vod")).isEqualTo(time(seed.e));
        assertThat(freshness("chat-message")).isEqualTo(time(expected.lastMessage()));
        assertThat(freshness("stream-event")).isEqualTo("–");
        assertThat(row("freshness", "kind", "stream-event").locator("td[data-col=ageSeconds]").innerText()).isEqualTo("never");
        List<String[]> rows = csv("freshness");
        assertThat(rows).hasSize(9);
        assertThat(rows.get(0)).containsExactly("kind", "routingKey", "latestAt", "ageSeconds", "recentEvents", "perMinute");
        assertThat(page.locator("[data-panel=watchlist] tbody tr").count()).isEqualTo(3);
        screenshot("status");
    }

    // ---- sign-in and the URL state

    @Test
    void signInKeepsTheTokenForTheTabAndARefusedTokenAsksAgain() {
        page.navigate(dashboard + "?page=status");
        assertThat(page.locator("#sign-in").isVisible()).isTrue();
        page.fill("#token", "not-a-jwt");
        page.click("#sign-in-form button");
        page.waitForSelector("#sign-in-error:has-text('refused')");
        assertThat(page.evaluate("sessionStorage.length")).isEqualTo(0);
        page.fill("#token", TestTokens.read());
        page.click("#sign-in-form button");
        page.waitForSelector("main[data-state=ready]");
        page.reload();
        page.waitForSelector("main[data-state=ready]");
        assertThat(page.locator("#sign-in").isVisible()).isFalse();
        // a token without the read role: the API answers 403, the page says so
        page.click("#sign-out");
        page.fill("#token", TestTokens.internal());
        page.click("#sign-in-form button");
        page.waitForSelector("main[data-state=error]");
        assertThat(page.locator("main .error").innerText()).isNotBlank();
    }

    @Test
    void theUrlHoldsTheStateAndTheControlsChangeIt() {
        EmulatorSeed.Watched main = seed.main();
        open("?page=channel&login=" + main.login() + "&from=" + seed.s + "&to=" + seed.e + "&g=15m");
        assertThat(page.locator("[data-panel=viewers] h2").innerText()).contains("15m");
        page.selectOption("#controls select[name=g]", "1h");
        page.click("#controls button[type=submit]");
        page.waitForSelector("[data-panel=viewers] h2:has-text('1h')");
        assertThat(page.url()).contains("g=1h").contains("login=" + main.login());
        String shared = page.url();
        // the same URL in a fresh tab (token pasted there too) shows the same view
        BrowserContext other = browser.newContext();
        try {
            Page second = other.newPage();
            second.addInitScript("sessionStorage.setItem('lurker.dashboard.token', '" + TestTokens.read() + "')");
            second.navigate(shared);
            second.waitForSelector("main[data-state=ready]");
            assertThat(second.locator("#controls select[name=g]").inputValue()).isEqualTo("1h");
            assertThat(second.locator("[data-figure=averageViewers] .value").innerText())
                    .isEqualTo(page.locator("[data-figure=averageViewers] .value").innerText());
        } finally {
            other.close();
        }
        page.goBack();
        page.waitForSelector("[data-panel=viewers] h2:has-text('15m')");
        assertThat(page.locator("#controls select[name=g]").inputValue()).isEqualTo("15m");
        // moving to another page keeps channel and range
        page.click("#nav a[data-page=chat]");
        page.waitForSelector("main[data-page=chat][data-state=ready]");
        assertThat(page.url()).contains("page=chat").contains("login=" + main.login()).contains("from=");
    }

    @Test
    void dashboardIsServedWithItsChartLibraryAndDefaultConfig() {
        given().get("/dashboard/config.js").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("window.LURKER_API_BASE = window.LURKER_API_BASE || '/api/v1'"));
        given().get("/dashboard/vendor/uPlot.esm.js").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("export { uPlot as default }"));
        given().get("/dashboard/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("<title>Lurker dashboard</title>"));
        given().redirects().follow(false).get("/dashboard").then().statusCode(301)
                .header("Location", org.hamcrest.Matchers.endsWith("/dashboard/"));
        given().get("/dashboard/js/pages/nope.js").then().statusCode(404);
    }

    // ---- the freshness endpoint the status page reads

    @Test
    void freshnessEndpointAnswersTheLatestEventTimePerKind() {
        given().get("/api/v1/status/freshness").then().statusCode(401);
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/status/freshness").then().statusCode(403);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/status/freshness?minutes=0").then().statusCode(400)
                .body("parameter", equalTo("minutes"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/status/freshness?format=xml").then().statusCode(400)
                .body("parameter", equalTo("format"));
        // a day covers everything seeded
        var body = given().auth().oauth2(TestTokens.read()).get("/api/v1/status/freshness?minutes=1440").then()
                .statusCode(200).body("minutes", equalTo(1440)).extract().jsonPath();
        assertThat(body.getString("kinds.find { it.kind == 'stream-snapshot' }.latestAt")).isEqualTo(seed.e.toString());
        assertThat(body.getLong("kinds.find { it.kind == 'stream-snapshot' }.recentEvents")).isEqualTo(seed.snapshotRows());
        assertThat(body.getLong("kinds.find { it.kind == 'catalog-category' }.recentEvents")).isEqualTo(seed.categoryRows());
        assertThat(body.getLong("kinds.find { it.kind == 'chat-message' }.recentEvents")).isEqualTo(seed.chat.size());
        assertThat(body.getString("kinds.find { it.kind == 'chat-message' }.latestAt"))
                .isEqualTo(expected.lastMessage().truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(body.getLong("kinds.find { it.kind == 'catalog-vod' }.recentEvents")).isEqualTo(seed.vods.size());
        assertThat(body.getDouble("kinds.find { it.kind == 'chat-message' }.perMinute"))
                .isCloseTo(Math.round(seed.chat.size() * 100.0 / 1440) / 100.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(body.getString("kinds.find { it.kind == 'stream-event' }.latestAt")).isNull();
        given().get("/api/v1/status/ingest").then().statusCode(401);
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/status/ingest").then().statusCode(403);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/status/ingest?granularity=2m").then().statusCode(400)
                .body("parameter", equalTo("granularity"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/status/ingest?from=yesterday").then().statusCode(400)
                .body("parameter", equalTo("from"));
        var ingest = given().auth().oauth2(TestTokens.read())
                .get("/api/v1/status/ingest?from=" + seed.p + "&to=" + seed.e.plusSeconds(1) + "&granularity=1d").then()
                .statusCode(200).extract().jsonPath();
        assertThat(ingest.getList("points.streamSnapshot", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(seed.snapshotRows());
        assertThat(ingest.getList("points.chatMessage", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(seed.chat.size());
        String csv = given().auth().oauth2(TestTokens.read()).get("/api/v1/status/freshness?format=csv").then()
                .statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).hasSize(9).first().isEqualTo("kind,routingKey,latestAt,ageSeconds,recentEvents,perMinute");
    }

    // ---- helpers

    private void open(String query) {
        page.addInitScript("sessionStorage.setItem('lurker.dashboard.token', '" + TestTokens.read() + "')");
        page.navigate(dashboard + query);
        page.waitForSelector("main[data-state=ready], main[data-state=error]");
        assertThat(page.locator("main").getAttribute("data-state")).as(page.locator("main").innerText()).isEqualTo("ready");
    }

    private static int gamesPolledAfter(Instant after) {
        return (int) seed.categories.entrySet().stream().filter(x -> x.getKey().isAfter(after))
                .flatMap(x -> x.getValue().stream().map(CategorySnapshot::gameId)).distinct().count();
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private void assertFigure(String id, String value, String previous) {
        assertThat(page.locator("[data-figure=" + id + "] .value").innerText()).as(id).isEqualTo(value);
        if (previous != null) {
            assertThat(page.locator("[data-figure=" + id + "] .prev").innerText()).as(id + " previous").isEqualTo(previous);
        }
    }

    private String freshness(String kind) {
        return row("freshness", "kind", kind).locator("td[data-col=latestAt]").innerText();
    }

    /** The row of a panel's table whose cell in column {@code col} reads exactly {@code value}. */
    private Locator row(String panel, String col, String value) {
        Locator rows = page.locator("[data-panel=" + panel + "] tbody tr");
        for (int i = 0; i < rows.count(); i++) {
            if (rows.nth(i).locator("td[data-col=" + col + "]").innerText().equals(value)) {
                return rows.nth(i);
            }
        }
        throw new AssertionError("no row with " + col + " = " + value + " in panel " + panel);
    }

    /** Clicks the panel's CSV button and parses the download (no quoted commas in these fixtures' numbers). */
    private List<String[]> csv(String panel) throws Exception {
        Download download = page.waitForDownload(() -> page.click("[data-panel=" + panel + "] button[data-csv]"));
        String text = Files.readString(download.path(), StandardCharsets.UTF_8);
        return text.lines().map(DashboardTest::split).toList();
    }

    private static String[] split(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
