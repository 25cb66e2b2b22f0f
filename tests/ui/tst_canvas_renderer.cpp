#include "../render/render_fixtures.h"
#include "ui/canvas_renderer.h"

#include <QSignalSpy>
#include <QTest>

using namespace sitmap;
using namespace sitmap::test;

class TestCanvasRenderer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void framesAreDrawnInTheMemoryOfTheFrameBeforeTheLast();
    void aFrameStillHeldElsewhereIsNeverDrawnOver();

private:
    /// The next image `renderer` gives for the scene with `window` (null on a timeout).
    QImage frame(CanvasRenderer &renderer, const TimeWindow &window);

    Projection projection_;
    Viewport view_;
    std::shared_ptr<const EventStore> store_;
};

void TestCanvasRenderer::initTestCase()
{
    const LonLat kyiv{30.52, 50.45};
    view_ = Viewport(projection_.forward(kyiv), 2000.0, QSize(320, 240));
    store_ = makeStore({makeEvent(QStringLiteral("a"), QStringLiteral("strike"), kyiv, instant(utcMs(2025, 7, 14))),
                        makeEvent(QStringLiteral("b"), QStringLiteral("protest"), {30.9, 50.6},
                                  instant(utcMs(2025, 7, 20)))},
                       projection_);
}

QImage TestCanvasRenderer::frame(CanvasRenderer &renderer, const TimeWindow &window)
{
    RenderScene scene;
    scene.store = store_;
    scene.window = window;
    QSignalSpy ready(&renderer, &CanvasRenderer::imageReady);
    renderer.request(view_, scene);
    if (!ready.wait(10000))
        return {};
    return ready.takeFirst().at(1).value<QImage>();
}

void TestCanvasRenderer::framesAreDrawnInTheMemoryOfTheFrameBeforeTheLast()
{
    // A scrub: each frame replaces the one shown. The third is drawn where the first was, and is
    // what a renderer drawing it afresh gives.
    const TimeWindow first{utcMs(2025, 7, 1), utcMs(2025, 7, 15)};
    const TimeWindow second{utcMs(2025, 7, 16), utcMs(2025, 7, 31)};
    const TimeWindow third = TimeWindow::all();
    CanvasRenderer renderer;
    QImage shown = frame(renderer, first);
    QVERIFY(!shown.isNull());
    const uchar *firstMemory = shown.constBits();
    shown = frame(renderer, second);
    QVERIFY(!shown.isNull());
    QVERIFY(shown.constBits() != firstMemory); // the first is still on screen while it is drawn
    shown = frame(renderer, third);
    QVERIFY(!shown.isNull());
    QCOMPARE(shown.constBits(), firstMemory);

    CanvasRenderer fresh;
    const QImage expected = frame(fresh, third);
    QVERIFY(!expected.isNull());
    QCOMPARE(shown, expected);
    QVERIFY(shown != frame(fresh, first)); // the frames differ: a stale frame would show
}

void TestCanvasRenderer::aFrameStillHeldElsewhereIsNeverDrawnOver()
{
    // An image kept by someone else (an export, a grab) keeps its pixels.
    CanvasRenderer renderer;
    const QImage kept = frame(renderer, {utcMs(2025, 7, 1), utcMs(2025, 7, 15)});
    QVERIFY(!kept.isNull());
    const QImage before = kept.copy();
    QImage shown = frame(renderer, {utcMs(2025, 7, 16), utcMs(2025, 7, 31)});
    for (int k = 0; k < 3; ++k) {
        shown = frame(renderer, k % 2 ? TimeWindow::all() : TimeWindow{utcMs(2025, 7, 16), utcMs(2025, 7, 31)});
        QVERIFY(!shown.isNull());
        QVERIFY(shown.constBits() != kept.constBits());
    }
    QCOMPARE(kept, before);
}

QTEST_MAIN(TestCanvasRenderer)
#include "tst_canvas_renderer.moc"
