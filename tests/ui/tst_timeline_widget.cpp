#include "core/event_store_builder.h"
#include "core/time_cursor.h"
#include "render/category_palette.h"
#include "ui/timeline_widget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

using namespace sitmap;

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

// A mouse move with the left button held (QTest::mouseMove carries no buttons).
void dragTo(QWidget *w, const QPoint &pos)
{
    QMouseEvent move(QEvent::MouseMove, QPointF(pos), w->mapToGlobal(QPointF(pos)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(w, &move);
}

Event makeEvent(const QString &id, const QString &category, TimeSpan span)
{
    Event e;
    e.id = id;
    e.title = id;
    e.category = category;
    e.time = span;
    e.position = {37.0, 48.0};
    return e;
}

std::shared_ptr<const EventStore> buildStore(std::vector<Event> events)
{
    EventStoreBuilder b;
    b.add(std::move(events), {});
    std::vector<MapPoint> pts;
    for (const LonLat &p : b.positions())
        pts.push_back({p.lon, p.lat});
    return b.build(pts, QStringLiteral("identity"));
}

bool near(const QColor &a, const QColor &b, int tolerance = 10)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

/// The timeline on its own, with stores built in the test (the wiring is in tst_timeline).
class TestTimelineWidget : public QObject {
    Q_OBJECT
private slots:
    void barsAreStackedByCategory();
    void scrubbingAHundredThousandEventsStaysFast();
};

void TestTimelineWidget::barsAreStackedByCategory()
{
    TimeCursor cursor;
    TimelineWidget t(&cursor);
    t.resize(600, 140);
    const qint64 day = utcMs(2025, 7, 10);
    std::vector<Event> events;
    for (int k = 0; k < 3; ++k)
        events.push_back(makeEvent(QStringLiteral("s%1").arg(k), QStringLiteral("strike"), {day + k * kHour, day + k * kHour, TimePrecision::Exact}));
    events.push_back(makeEvent(QStringLiteral("a"), QStringLiteral("advance"), {day + 5 * kHour, day + 5 * kHour, TimePrecision::Exact}));
    const auto store = buildStore(std::move(events));
    cursor.setDataExtent(store->timeExtent());
    cursor.setCurrentMs(store->timeExtent().toMs); // everything visible: nothing washed out
    t.setStore(store);
    t.setViewRange(day - 10 * kDay, day + 10 * kDay);
    const int bin = t.histogram().binAt(day + kHour);
    QVERIFY(bin >= 0);
    const int strike = int(store->categories().indexOf(QStringLiteral("strike")));
    const int advance = int(store->categories().indexOf(QStringLiteral("advance")));
    QCOMPARE(t.histogram().count(bin, strike), 3);
    QCOMPARE(t.histogram().count(bin, advance), 1);
    // Scan the bar's column from the bottom: category order, heights in proportion 3:1 (or 1:3).
    const QImage image = t.grab().toImage();
    const int x = int(std::lround((t.xForTime(t.histogram().binStartMs(bin)) + t.xForTime(t.histogram().binEndMs(bin))) / 2));
    int strikePx = 0, advancePx = 0;
    for (int y = t.histogramRect().top(); y <= t.histogramRect().bottom(); ++y) {
        const QColor c = image.pixelColor(x, y);
        strikePx += near(c, categoryColor(QStringLiteral("strike"))) ? 1 : 0;
        advancePx += near(c, categoryColor(QStringLiteral("advance"))) ? 1 : 0;
    }
    QVERIFY2(advancePx > 0 && std::abs(strikePx - 3 * advancePx) <= 3, qPrintable(QStringLiteral("%1 %2").arg(strikePx).arg(advancePx)));
}

void TestTimelineWidget::scrubbingAHundredThousandEventsStaysFast()
{
    // 100 000 events over a year in 6 categories, a tenth of them date-only.
    std::vector<Event> events;
    events.reserve(100000);
    const qint64 from = utcMs(2024, 7, 1);
    const QStringList categories{"strike", "advance", "withdrawal", "positions", "protests", "riots"};
    for (int k = 0; k < 100000; ++k) {
        const qint64 t = from + qint64(k) * (365 * kDay / 100000);
        const TimeSpan span = k % 10 == 0
            ? TimeSpan::covering(QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc()), TimePrecision::Day)
            : TimeSpan{t, t, TimePrecision::Exact};
        events.push_back(makeEvent(QString::number(k), categories[k % categories.size()], span));
    }
    const auto store = buildStore(std::move(events));
    TimeCursor cursor;
    cursor.setDataExtent(store->timeExtent());
    TimelineWidget t(&cursor);
    t.resize(1200, 140);
    t.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t));
    QElapsedTimer timer;
    timer.start();
    t.setStore(store);
    t.repaint();
    const double setStoreMs = double(timer.nsecsElapsed()) / 1e6;
    const int computations = t.histogramComputations();
    QSignalSpy changed(&cursor, &TimeCursor::changed);
    const int y = t.histogramRect().center().y();
    timer.restart();
    QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(10, y));
    for (int x = 12; x < 1190; x += 2) {
        dragTo(&t, QPoint(x, y));
        t.repaint();
    }
    QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(1190, y));
    const double perMoveMs = double(timer.nsecsElapsed()) / 1e6 / 589;
    qInfo("100k events: histogram + first paint %.1f ms; scrub step (cursor update + repaint) %.3f ms", setStoreMs,
          perMoveMs);
    QCOMPARE(t.histogramComputations(), computations);
    QVERIFY(changed.count() >= 500); // not before or after the data: the cursor is clamped there
    QVERIFY2(perMoveMs < 8.0, qPrintable(QString::number(perMoveMs)));
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timeline_widget.moc"
