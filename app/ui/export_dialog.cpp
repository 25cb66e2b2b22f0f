#include "ui/export_dialog.h"

#include "core/time_cursor.h"
#include "export/animation_export.h"
#include "export/snapshot_composer.h"
#include "export/snapshot_exporter.h"
#include "render/basemap.h"
#include "ui/map_canvas.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace sitmap {

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

const SnapshotFormat kFormats[] = {SnapshotFormat::Png, SnapshotFormat::Jpeg, SnapshotFormat::Pdf,
                                   SnapshotFormat::Svg, SnapshotFormat::GeoTiff, SnapshotFormat::Gif,
                                   SnapshotFormat::Mp4, SnapshotFormat::WebM, SnapshotFormat::Markdown,
                                   SnapshotFormat::Html};

QCheckBox *checked(const QString &text, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setChecked(true);
    return box;
}

} // namespace

SnapshotContent ExportDialog::contentFrom(const MapCanvas &canvas, const TimeCursor &cursor, const QTimeZone &zone,
                                          const QStringList &inputFiles)
{
    SnapshotContent content;
    content.scene = canvas.scene();
    content.view = canvas.viewport();
    content.mapCrs = canvas.projection().crs();
    content.zone = zone;
    content.caption = cursor.caption(zone);
    content.inputFiles = inputFiles;
    if (content.scene.basemap)
        content.basemapPath = Basemap::defaultPath();
    return content;
}

AnimationSpec ExportDialog::animationFrom(const TimeCursor &cursor)
{
    AnimationSpec a;
    const TimeWindow data = cursor.dataExtent();
    a.fromMs = data.isEmpty() ? cursor.currentMs() - 7 * kDayMs : data.fromMs;
    a.toMs = data.isEmpty() ? cursor.currentMs() : data.toMs;
    a.stepMs = kDayMs;
    a.mode = cursor.mode() == TimeCursor::Mode::Window ? TimeCursor::Mode::Window : TimeCursor::Mode::Cumulative;
    a.windowMs = cursor.windowMs();
    a.fadeOlder = cursor.fadesOlder();
    return a;
}

void ExportDialog::copyToClipboard(const SnapshotContent &content)
{
    SnapshotSpec spec;
    spec.extentMode = ExtentMode::CurrentView;
    if (content.view.isValid())
        spec.sizePx = content.view.size();
    SnapshotExporter::copyToClipboard(content, spec);
}

ExportDialog::ExportDialog(SnapshotContent content, QWidget *parent) : QDialog(parent), content_(std::move(content))
{
    setWindowTitle(tr("Export snapshot"));
    setObjectName(QStringLiteral("exportDialog"));
    previewTimer_ = new QTimer(this);
    previewTimer_->setSingleShot(true);
    previewTimer_->setInterval(150);
    connect(previewTimer_, &QTimer::timeout, this, &ExportDialog::updatePreview);
    buildUi();
    // Until told otherwise, animate over the data's time range, one day per frame.
    if (content_.scene.store && !content_.scene.store->isEmpty()) {
        AnimationSpec defaults;
        const TimeWindow data = content_.scene.store->timeExtent();
        defaults.fromMs = data.fromMs;
        defaults.toMs = data.toMs;
        setAnimation(defaults);
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    setPath(QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(QStringLiteral("sitmap-snapshot.png")));
    syncEnabled();
    updatePreview();
}

void ExportDialog::buildUi()
{
    auto *form = new QFormLayout;
    path_ = new QLineEdit(this);
    path_->setObjectName(QStringLiteral("path"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    auto *pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(path_);
    form->addRow(pathLabel, pathRow);

    format_ = new QComboBox(this);
    format_->setObjectName(QStringLiteral("format"));
    for (const SnapshotFormat f : kFormats)
        format_->addItem(formatTitle(f), int(f));
    form->addRow(tr("F&ormat:"), format_);

    pixels_ = new QRadioButton(tr("Pixels"), this);
    paper_ = new QRadioButton(tr("Paper"), this);
    pixels_->setChecked(true);
    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    for (QSpinBox *s : {width_, height_}) {
        s->setRange(16, SnapshotSpec::kMaxSidePx);
        s->setSuffix(tr(" px"));
    }
    const QSize viewSize = content_.view.isValid() ? content_.view.size() : QSize(1600, 1000);
    width_->setValue(viewSize.width());
    height_->setValue(viewSize.height());
    auto *pixelRow = new QHBoxLayout;
    pixelRow->addWidget(pixels_);
    pixelRow->addWidget(width_);
    pixelRow->addWidget(new QLabel(QStringLiteral("×"), this));
    pixelRow->addWidget(height_);
    pixelRow->addStretch();
    form->addRow(tr("Size:"), pixelRow);

    paperSize_ = new QComboBox(this);
    for (const QPageSize::PageSizeId id : {QPageSize::A5, QPageSize::A4, QPageSize::A3, QPageSize::A2, QPageSize::Letter,
                                           QPageSize::Legal, QPageSize::Tabloid})
        paperSize_->addItem(QPageSize::name(id), int(id));
    paperSize_->setCurrentIndex(1);
    orientation_ = new QComboBox(this);
    orientation_->addItem(tr("Landscape"), int(QPageLayout::Landscape));
    orientation_->addItem(tr("Portrait"), int(QPageLayout::Portrait));
    auto *paperRow = new QHBoxLayout;
    paperRow->addWidget(paper_);
    paperRow->addWidget(paperSize_);
    paperRow->addWidget(orientation_);
    paperRow->addStretch();
    form->addRow(QString(), paperRow);

    dpi_ = new QDoubleSpinBox(this);
    dpi_->setRange(SnapshotSpec::kMinDpi, SnapshotSpec::kMaxDpi);
    dpi_->setDecimals(0);
    dpi_->setValue(96);
    dpi_->setToolTip(tr("Text and symbols are sized for this resolution: 96 draws them one pixel per point of the screen."));
    form->addRow(tr("&DPI:"), dpi_);

    extent_ = new QComboBox(this);
    extent_->addItem(tr("Current view"), int(ExtentMode::CurrentView));
    extent_->addItem(tr("Visible events"), int(ExtentMode::VisibleEvents));
    extent_->addItem(tr("Selected events"), int(ExtentMode::SelectedEvents));
    form->addRow(tr("E&xtent:"), extent_);

    title_ = new QLineEdit(this);
    title_->setObjectName(QStringLiteral("title"));
    title_->setPlaceholderText(tr("e.g. Donbas, week to 14 July"));
    form->addRow(tr("&Title:"), title_);

    decoTitle_ = checked(tr("Title"), this);
    decoCaption_ = checked(tr("Time caption"), this);
    decoLegend_ = checked(tr("Legend"), this);
    decoScale_ = checked(tr("Scale bar"), this);
    decoNorth_ = checked(tr("North arrow"), this);
    decoAttribution_ = checked(tr("Attribution"), this);
    auto *decoGrid = new QGridLayout;
    QCheckBox *const boxes[] = {decoTitle_, decoCaption_, decoLegend_, decoScale_, decoNorth_, decoAttribution_};
    for (int k = 0; k < 6; ++k)
        decoGrid->addWidget(boxes[k], k / 3, k % 3);
    form->addRow(tr("Decorations:"), decoGrid);

    worldFile_ = new QCheckBox(tr("Write a world file (.pgw/.jgw) beside the image"), this);
    briefing_ = new QCheckBox(tr("Briefing: add the event table and provenance pages"), this);
    form->addRow(QString(), worldFile_);
    form->addRow(QString(), briefing_);

    animation_ = new QGroupBox(tr("Animation (PNG frames, GIF, MP4, WebM)"), this);
    animation_->setCheckable(true);
    animation_->setChecked(false);
    auto *anim = new QFormLayout(animation_);
    from_ = new QDateTimeEdit(this);
    to_ = new QDateTimeEdit(this);
    for (QDateTimeEdit *e : {from_, to_}) {
        e->setTimeSpec(Qt::UTC);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        e->setCalendarPopup(true);
    }
    anim->addRow(tr("From:"), from_);
    anim->addRow(tr("To:"), to_);
    step_ = new QComboBox(this);
    for (const auto &[label, ms] : {std::pair{tr("1 hour"), kHourMs}, {tr("6 hours"), 6 * kHourMs}, {tr("12 hours"), 12 * kHourMs},
                                    {tr("1 day"), kDayMs}, {tr("2 days"), 2 * kDayMs}, {tr("1 week"), 7 * kDayMs},
                                    {tr("30 days"), 30 * kDayMs}})
        step_->addItem(label, ms);
    step_->setCurrentIndex(3);
    anim->addRow(tr("Step:"), step_);
    mode_ = new QComboBox(this);
    mode_->addItem(tr("Everything up to each frame"), qint64(0));
    for (const qint64 days : {1, 7, 30})
        mode_->addItem(tr("Sliding %n-day window", nullptr, int(days)), days * kDayMs);
    anim->addRow(tr("Shows:"), mode_);
    fps_ = new QDoubleSpinBox(this);
    fps_->setRange(0.2, 30);
    fps_->setValue(2);
    fps_->setSuffix(tr(" frames/s"));
    anim->addRow(tr("Speed:"), fps_);
    fade_ = new QCheckBox(tr("Fade older events"), this);
    anim->addRow(QString(), fade_);

    auto *left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(animation_);
    left->addStretch();

    previewLabel_ = new QLabel(this);
    previewLabel_->setObjectName(QStringLiteral("preview"));
    previewLabel_->setMinimumSize(kPreviewSide, kPreviewSide * 2 / 3);
    previewLabel_->setAlignment(Qt::AlignCenter);
    previewLabel_->setFrameShape(QFrame::StyledPanel);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Preview"), this));
    right->addWidget(previewLabel_);
    right->addWidget(summary_);
    right->addStretch();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right);
    auto *root = new QVBoxLayout(this);
    root->addLayout(columns);
    root->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(path_, &QLineEdit::editingFinished, this, &ExportDialog::pathEdited);
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    for (QRadioButton *r : {pixels_, paper_})
        connect(r, &QRadioButton::toggled, this, [this] {
            syncEnabled();
            schedulePreview();
        });
    for (QSpinBox *s : {width_, height_})
        connect(s, &QSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    for (QComboBox *c : {paperSize_, orientation_, extent_, step_, mode_})
        connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::schedulePreview);
    connect(dpi_, &QDoubleSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    connect(title_, &QLineEdit::textChanged, this, &ExportDialog::schedulePreview);
    for (QCheckBox *c : {decoTitle_, decoCaption_, decoLegend_, decoScale_, decoNorth_, decoAttribution_, fade_})
        connect(c, &QCheckBox::toggled, this, &ExportDialog::schedulePreview);
    connect(animation_, &QGroupBox::toggled, this, [this] {
        syncEnabled();
        schedulePreview();
    });
    for (QDateTimeEdit *e : {from_, to_})
        connect(e, &QDateTimeEdit::dateTimeChanged, this, &ExportDialog::schedulePreview);
}

void ExportDialog::setAnimation(const AnimationSpec &animation)
{
    animationDefaults_ = animation;
    from_->setDateTime(QDateTime::fromMSecsSinceEpoch(animation.fromMs, QTimeZone::utc()));
    to_->setDateTime(QDateTime::fromMSecsSinceEpoch(animation.toMs, QTimeZone::utc()));
    if (const int i = step_->findData(animation.stepMs); i >= 0)
        step_->setCurrentIndex(i);
    const qint64 window = animation.mode == TimeCursor::Mode::Window ? animation.windowMs : 0;
    int i = mode_->findData(window);
    if (i < 0) {
        mode_->addItem(tr("Sliding %1-hour window").arg(window / kHourMs), window);
        i = mode_->count() - 1;
    }
    mode_->setCurrentIndex(i);
    fps_->setValue(animation.framesPerSecond);
    fade_->setChecked(animation.fadeOlder);
    schedulePreview();
}

void ExportDialog::setPath(const QString &path)
{
    path_->setText(path);
    pathEdited();
}

QString ExportDialog::path() const { return path_->text().trimmed(); }

void ExportDialog::setOverwriteConfirmation(std::function<bool(const QString &)> confirm)
{
    confirmOverwrite_ = std::move(confirm);
}

SnapshotSpec ExportDialog::spec() const
{
    SnapshotSpec s;
    s.format = SnapshotFormat(format_->currentData().toInt());
    s.dpi = dpi_->value();
    if (paper_->isChecked()) {
        s.paper = QPageSize(QPageSize::PageSizeId(paperSize_->currentData().toInt()));
        s.orientation = QPageLayout::Orientation(orientation_->currentData().toInt());
    } else {
        s.sizePx = QSize(width_->value(), height_->value());
    }
    s.extentMode = ExtentMode(extent_->currentData().toInt());
    s.title = title_->text().trimmed();
    s.decorations = {decoTitle_->isChecked(),  decoCaption_->isChecked(), decoLegend_->isChecked(),
                     decoScale_->isChecked(),  decoNorth_->isChecked(),   decoAttribution_->isChecked()};
    s.worldFile = worldFile_->isEnabled() && worldFile_->isChecked();
    s.briefing = briefing_->isEnabled() && briefing_->isChecked();
    return s;
}

AnimationSpec ExportDialog::animation() const
{
    AnimationSpec a = animationDefaults_;
    a.fromMs = from_->dateTime().toMSecsSinceEpoch();
    a.toMs = to_->dateTime().toMSecsSinceEpoch();
    a.stepMs = step_->currentData().toLongLong();
    const qint64 window = mode_->currentData().toLongLong();
    a.mode = window > 0 ? TimeCursor::Mode::Window : TimeCursor::Mode::Cumulative;
    if (window > 0)
        a.windowMs = window;
    a.framesPerSecond = fps_->value();
    a.fadeOlder = fade_->isChecked();
    return a;
}

bool ExportDialog::isAnimation() const
{
    const SnapshotFormat f = SnapshotFormat(format_->currentData().toInt());
    return isAnimationFormat(f) || (f == SnapshotFormat::Png && animation_->isCheckable() && animation_->isChecked());
}

void ExportDialog::browse()
{
    const SnapshotFormat f = SnapshotFormat(format_->currentData().toInt());
    const QString filter = QStringLiteral("%1 (*.%2)").arg(formatTitle(f), formatName(f));
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export snapshot"), path(), filter, nullptr,
                                                        QFileDialog::DontConfirmOverwrite);
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ExportDialog::pathEdited()
{
    if (const auto f = formatFromPath(path())) {
        const int i = format_->findData(int(*f));
        if (i >= 0 && i != format_->currentIndex()) {
            const QSignalBlocker block(format_);
            format_->setCurrentIndex(i);
        }
    }
    syncEnabled();
    schedulePreview();
}

void ExportDialog::formatChanged()
{
    const SnapshotFormat f = SnapshotFormat(format_->currentData().toInt());
    const QString current = path();
    if (!current.isEmpty() && formatFromPath(current) != f) {
        const QFileInfo info(current);
        path_->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + formatName(f)));
    }
    if (f == SnapshotFormat::Pdf && !paper_->isChecked())
        paper_->setChecked(true);
    syncEnabled();
    schedulePreview();
}

void ExportDialog::syncEnabled()
{
    const SnapshotFormat f = SnapshotFormat(format_->currentData().toInt());
    width_->setEnabled(pixels_->isChecked());
    height_->setEnabled(pixels_->isChecked());
    paperSize_->setEnabled(paper_->isChecked());
    orientation_->setEnabled(paper_->isChecked());
    worldFile_->setEnabled(f == SnapshotFormat::Png || f == SnapshotFormat::Jpeg);
    briefing_->setEnabled(f == SnapshotFormat::Pdf);
    // PNG: frames on request (a checkable group); GIF and video: always frames (a plain group).
    // QGroupBox::setCheckable(true) also checks the box, so it is only called on a change.
    const bool optional = !isAnimationFormat(f);
    if (animation_->isCheckable() != optional) {
        animation_->setCheckable(optional);
        if (optional)
            animation_->setChecked(false);
    }
    animation_->setEnabled(f == SnapshotFormat::Png || isAnimationFormat(f));
}

void ExportDialog::schedulePreview() { previewTimer_->start(); }

void ExportDialog::updatePreview()
{
    previewTimer_->stop();
    SnapshotSpec s = spec();
    const QSize out = s.outputPixels();
    if (out.isEmpty())
        return;
    // The same layout at a smaller size: pixels and DPI shrink together.
    const double k = std::min({1.0, double(kPreviewSide) / out.width(), double(kPreviewSide) / out.height()});
    SnapshotContent content = content_;
    if (isAnimation()) {
        const AnimationSpec a = animation();
        s = AnimationExport::fixedExtentSpec(content_, s, a);
        content = a.frameContent(content_, a.toMs);
    }
    s.paper.reset();
    s.sizePx = QSize(std::max(16, int(std::lround(out.width() * k))), std::max(16, int(std::lround(out.height() * k))));
    s.dpi *= k;
    const SnapshotComposer composer(content, s);
    preview_ = composer.renderImage(true);
    previewLabel_->setPixmap(QPixmap::fromImage(preview_));
    summary_->setText(tr("%1 × %2 px · %n event(s) shown", nullptr, int(composer.visibleEvents().size()))
                          .arg(out.width())
                          .arg(out.height()));
}

ExportResult ExportDialog::exportNow()
{
    const QString target = QFileInfo(path()).absoluteFilePath();
    if (path().isEmpty())
        return ExportResult::failure(tr("Choose a file to export to."));
    const bool frames = isAnimation() && SnapshotFormat(format_->currentData().toInt()) == SnapshotFormat::Png;
    const QString probe = frames ? AnimationExport::framePath(target, 1, int(animation().frameCount())) : target;
    if (QFileInfo::exists(probe)) {
        const bool overwrite = confirmOverwrite_
            ? confirmOverwrite_(probe)
            : QMessageBox::question(this, tr("Replace file?"),
                                    tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(probe)),
                                    QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
                == QMessageBox::Yes;
        if (!overwrite)
            return {};
    }
    if (!isAnimation())
        return SnapshotExporter::exportSnapshot(content_, spec(), target);

    const AnimationSpec a = animation();
    QProgressDialog progress(tr("Rendering frames…"), tr("Cancel"), 0, int(a.frameCount()), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    return SnapshotExporter::exportAnimation(content_, spec(), a, target, [&progress](int done, int total) {
        progress.setMaximum(total);
        progress.setValue(done);
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
    });
}

void ExportDialog::accept()
{
    const ExportResult result = exportNow();
    if (!result.ok()) {
        QMessageBox::critical(this, tr("Export failed"), result.error);
        return;
    }
    if (!result.files.isEmpty())
        QDialog::accept();
}

} // namespace sitmap
