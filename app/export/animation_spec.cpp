#include "export/animation_spec.h"

#include <cmath>

namespace sitmap {

qint64 AnimationSpec::frameCount() const
{
    if (stepMs <= 0 || toMs < fromMs)
        return 0;
    const qint64 steps = (toMs - fromMs) / stepMs;
    return steps + 1 + ((toMs - fromMs) % stepMs != 0 ? 1 : 0);
}

std::vector<qint64> AnimationSpec::frameTimes() const
{
    std::vector<qint64> out;
    const qint64 n = frameCount();
    if (n <= 0 || n > kMaxFrames)
        return out;
    out.reserve(std::size_t(n));
    for (qint64 t = fromMs; t <= toMs; t += stepMs)
        out.push_back(t);
    if (out.back() != toMs)
        out.push_back(toMs);
    return out;
}

QString AnimationSpec::validate() const
{
    if (stepMs <= 0)
        return QStringLiteral("the step must be positive");
    if (toMs < fromMs)
        return QStringLiteral("the end is before the start");
    if (frameCount() > kMaxFrames)
        return QStringLiteral("%1 frames is more than %2; use a longer step").arg(frameCount()).arg(kMaxFrames);
    if (!(framesPerSecond > 0 && framesPerSecond <= 100))
        return QStringLiteral("frames per second must be in (0, 100]");
    if (mode == TimeCursor::Mode::Range)
        return QStringLiteral("a fixed range does not change over time; use cumulative or a window");
    return {};
}

int AnimationSpec::delayCentiseconds() const
{
    return std::max(2, int(std::lround(100.0 / framesPerSecond)));
}

SnapshotContent AnimationSpec::frameContent(const SnapshotContent &base, qint64 atMs) const
{
    TimeCursor cursor; // no data extent: the cursor is not clamped
    cursor.setMode(mode);
    cursor.setWindowMs(windowMs);
    cursor.setFadesOlder(fadeOlder);
    cursor.setCurrentMs(atMs);
    SnapshotContent frame = base;
    frame.scene.window = cursor.visibleWindow();
    frame.scene.fadeBeforeMs = cursor.fadeBeforeMs();
    frame.caption = cursor.caption(base.zone);
    return frame;
}

TimeWindow AnimationSpec::coveredWindow() const
{
    if (mode == TimeCursor::Mode::Window)
        return {fromMs - windowMs, toMs};
    return {std::numeric_limits<qint64>::min(), toMs};
}

} // namespace sitmap
