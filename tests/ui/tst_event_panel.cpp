#include "core/event_store_builder.h"
#include "geo/store_projection.h"
#include "io/event_file_reader.h"
#include "ui/event_panel.h"

#include <QSignalSpy>

#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTest>

using namespace sitmap;

namespace {

std::shared_ptr<const EventStore> storeWith(const QString &description, const QString &url)
{
    Source s;
    s.id = QStringLiteral("s1");
    s.claimant = QStringLiteral("Claimant <b>bold</b>");
    s.outlet = QStringLiteral("Outlet");
    s.url = url;
    s.reliability = QLatin1Char('B');
    s.credibility = 2;
    Event e;
    e.id = QStringLiteral("e1");
    e.title = QStringLiteral("<h1>Title</h1>");
    e.description = description;
    e.time = *parseTime(QStringLiteral("2025-07-14")).span;
    e.position = {37.0, 48.0};
    e.sourceIndices = {0};
    EventStoreBuilder b;
    b.add({e}, {s});
    return b.build({MapPoint{0, 0}}, QStringLiteral("EPSG:3857"));
}

} // namespace

class TestEventPanel : public QObject {
    Q_OBJECT
private slots:
    void untrustedTextIsShownLiterallyAndLoadsNothing();
    void onlyHttpLinksOpen_data();
    void onlyHttpLinksOpen();
    void gradeShowsItsMeaningOnHover();
    void sourcesReadAsAClaimHistoryOldestFirst();
    void otherEventsOfTheSameSourcesCanBeOpened();
};

namespace {
std::shared_ptr<const EventStore> load(const QString &path)
{
    LoadResult r = EventFileReader::read(path);
    EventStoreBuilder b;
    b.add(std::move(r.events), std::move(r.sources));
    return buildProjected(b, Projection());
}
} // namespace

void TestEventPanel::untrustedTextIsShownLiterallyAndLoadsNothing()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString img = QStringLiteral("<img src=\"http://127.0.0.1:%1/x.png\">").arg(server.serverPort());

    EventPanel panel;
    int opened = 0;
    panel.setLinkOpener([&](const QUrl &) { ++opened; });
    panel.setStore(storeWith(img, QStringLiteral("javascript:alert(1)")));
    panel.setEvent(EventIndex(0));
    panel.resize(400, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    for (QLabel *label : panel.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    const QString text = panel.plainText();
    QVERIFY2(text.contains(img), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("<h1>Title</h1>")));
    QVERIFY(text.contains(QStringLiteral("javascript:alert(1)"))); // the full URL is shown...
    auto *open = panel.findChild<QPushButton *>(QStringLiteral("openLink"));
    QVERIFY(open);
    QVERIFY(!open->isEnabled()); // ...but cannot be opened
    QTest::mouseClick(open, Qt::LeftButton);
    QVERIFY(!panel.openLink(QStringLiteral("javascript:alert(1)")));
    QCOMPARE(opened, 0);
    // Nothing fetched the image: the local server saw no connection while the panel was shown.
    QVERIFY(!server.waitForNewConnection(300));
}

void TestEventPanel::onlyHttpLinksOpen_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("opens");
    QTest::newRow("an https article") << "https://example.org/news/1" << true;
    QTest::newRow("a plain http page") << "http://example.org/a?b=c" << true;
    QTest::newRow("a javascript URL") << "javascript:alert(1)" << false;
    QTest::newRow("a local file") << "file:///etc/passwd" << false;
    QTest::newRow("a data URL") << "data:text/html,<script>alert(1)</script>" << false;
    QTest::newRow("an http URL without a host") << "http:///nohost" << false;
    QTest::newRow("words") << "see the article" << false;
}

void TestEventPanel::onlyHttpLinksOpen()
{
    QFETCH(QString, url);
    QFETCH(bool, opens);
    EventPanel panel;
    QUrl openedUrl;
    panel.setLinkOpener([&](const QUrl &u) { openedUrl = u; });
    panel.setStore(storeWith(QStringLiteral("d"), url));
    panel.setEvent(EventIndex(0));
    auto *open = panel.findChild<QPushButton *>(QStringLiteral("openLink"));
    QVERIFY(open);
    QCOMPARE(open->isEnabled(), opens);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(!openedUrl.isEmpty(), opens);
    if (opens)
        QCOMPARE(openedUrl, QUrl(url));
}

void TestEventPanel::gradeShowsItsMeaningOnHover()
{
    EventPanel panel;
    panel.setStore(storeWith(QStringLiteral("d"), QString()));
    panel.setEvent(EventIndex(0));
    auto *grade = panel.findChild<QLabel *>(QStringLiteral("grade"));
    QVERIFY(grade);
    QCOMPARE(grade->text(), QStringLiteral("Grade: B2"));
    QVERIFY(grade->toolTip().contains(QStringLiteral("Usually reliable")));
    QVERIFY(grade->toolTip().contains(QStringLiteral("Probably true")));
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("openLink"))); // no URL, no button
}

void TestEventPanel::sourcesReadAsAClaimHistoryOldestFirst()
{
    const auto store = load(QStringLiteral(SITMAP_TEST_DATA "/claim_history.geojson"));
    EventPanel panel;
    panel.setStore(store);
    panel.setEvent(store->findById(QStringLiteral("bridge")));
    const QString text = panel.plainText();
    const qsizetype report = text.indexOf(QStringLiteral("Outlet: Wire service"));
    const qsizetype denial = text.indexOf(QStringLiteral("Outlet: Ministry statement"));
    QVERIFY2(report >= 0 && denial > report, qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("DENIES")));
    QVERIFY(text.contains(QStringLiteral("DISPUTED  (derived from sources)")));
}

void TestEventPanel::otherEventsOfTheSameSourcesCanBeOpened()
{
    const auto store = load(QStringLiteral(SITMAP_SOURCE_MAPS_DIR "/demo/seed-events.geojson"));
    EventPanel panel;
    panel.setStore(store);
    const auto mine = store->findById(QStringLiteral("seed-mine-advance"));
    const auto village = store->findById(QStringLiteral("seed-vneshenka-withdrawal"));
    QVERIFY(mine && village);
    panel.setEvent(mine);
    QSignalSpy requested(&panel, &EventPanel::eventRequested);
    const auto buttons = panel.findChildren<QPushButton *>(QStringLiteral("relatedEvent"));
    QCOMPARE(buttons.size(), 1); // the same statement reports the withdrawal from "Vneshenka"
    QTest::mouseClick(buttons.front(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.front().front().value<EventIndex>(), *village);
}

QTEST_MAIN(TestEventPanel)
#include "tst_event_panel.moc"
