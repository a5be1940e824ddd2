package io.embryostream.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.embryostream.config.Settings;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium + chromium-driver, never a downloaded
 * driver): the grid shows every embryo per slide with badges, a timeline draws with its confidence
 * band and transitions, a confirmation made on the page is recorded. Saves view-grid.png and
 * view-timeline.png (see {@link #save}). Skipped where /usr/bin/chromium is absent.
 */
class ViewPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> SLIDES = List.of("D2026.01.15_S02549", "MTL-0130-0EFD-D6E0-[37]");

    @TempDir
    static Path temp;

    private static EmbeddedKafkaBroker broker;
    private static ViewApp view;
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        broker = EmbeddedKafkaBroker.start();
        broker.createCatalogTopics(TopicCatalog.standard());
        view = ViewApp.start(new ViewConfig(Settings.resolve(ViewConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(), "view.application.id", "embryo-view-browser",
                "view.state.dir", temp.resolve("state").toString(), "view.http.port", "0",
                "view.replication.factor", "1"))));
        List<Path> files = ViewFixtures.phaseFiles();
        List<ViewFixtures.Event> events = new ArrayList<>();
        int n = 0;
        for (String slide : SLIDES) {
            for (int well = 1; well <= (slide.startsWith("D") ? 6 : 4); well++, n++) {
                Path phases = files.get(n % files.size());
                String id = String.format("%064x", 0x5eed0000L + n);
                String label = slide + (slide.startsWith("D") ? String.format(" WELL%02d", well) : String.format(" P%02d", well));
                // embryos at different moments of their culture, as on a real incubator
                int until = 150 + 45 * (n % 6);
                List<ViewFixtures.Event> embryo = ViewFixtures.embryo(phases, id, label, "3", 2, until);
                events.addAll(embryo);
                int lastFrame = embryo.stream().filter(e -> e.value() instanceof io.embryostream.schemas.StageEvent)
                        .mapToInt(e -> ((io.embryostream.schemas.StageEvent) e.value()).getTimePoint()).max().orElseThrow();
                events.add(new ViewFixtures.Event(io.embryostream.topics.Topics.FRAMES.name(), id,
                        ViewFixtures.frame(phases, id, label, lastFrame)));
                ids.add(id);
            }
        }
        ViewFixtures.produce(broker.bootstrapServers(), events);
        TwoViewInstancesTest.waitFor(() -> {
            var r = ViewHttp.get(view.httpPort(), "/embryos");
            return r.statusCode() == 200 && ViewHttp.JSON.readTree(r.body()).get("embryos").size() == ids.size();
        }, "all embryos in the view");
    }

    @AfterAll
    static void stop() {
        if (view != null) {
            view.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void gridTimelineAndAConfirmationInARealBrowser() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().window().setSize(new Dimension(1400, 1000));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://localhost:" + view.httpPort() + "/");
            wait.until(d -> d.findElements(By.cssSelector(".well")).size() == ids.size());
            assertThat(driver.findElements(By.cssSelector(".slide h2"))).extracting(WebElement::getText)
                    .containsExactly("Slide " + SLIDES.get(0), "Slide " + SLIDES.get(1));
            assertThat(driver.findElements(By.cssSelector(".badge"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("#review-queue li[data-embryo]"))).isNotEmpty();
            save(driver.getScreenshotAs(OutputType.FILE).toPath(), "view-grid.png");

            String chosen = ids.get(4);
            driver.findElement(By.cssSelector(".well[data-embryo='" + chosen + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .stage-line")));
            wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "const i = document.getElementById('frame'); return i.complete && i.naturalWidth === 256;"));
            assertThat(driver.findElements(By.cssSelector("#timeline .transition-mark"))).hasSizeGreaterThan(3);
            assertThat(driver.findElements(By.cssSelector("#timeline .confidence-band"))).hasSize(1);

            driver.findElement(By.id("reviewer")).sendKeys("embryologist-7");
            WebElement firstTransition = driver.findElement(By.cssSelector("#transitions tbody tr"));
            firstTransition.findElement(By.cssSelector("button.confirm")).click();
            wait.until(d -> d.findElement(By.cssSelector("#transitions tbody tr td:nth-child(4)")).getText()
                    .equals("confirmed by embryologist-7"));
            driver.executeScript("document.getElementById('detail').scrollIntoView()");
            save(driver.findElement(By.id("detail")).getScreenshotAs(OutputType.FILE).toPath(), "view-timeline.png");
        } finally {
            driver.quit();
        }
    }

    /**
     * Screenshots go to target/screenshots; with {@code -Dview.screenshots.update=true} they also
     * replace the pictures in docs/ (so an ordinary test run leaves the checkout clean).
     */
    private static void save(Path screenshot, String name) throws Exception {
        Path target = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(screenshot, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("view.screenshots.update")) {
            Path docs = Path.of(System.getProperty("embryo.repo.root", "..")).resolve("docs");
            Files.copy(screenshot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
