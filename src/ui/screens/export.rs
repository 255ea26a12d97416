//! 导出与光盘: export the disc package with progress and cancel, show where it went and what to write on the
//! disc, and verify a folder, a burned disc or the image.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::model::Draft;
use crate::package::{ExportOutcome, VerifyReport};
use crate::ui::command::{Command, Screen};
use crate::ui::form::{Form, error_color};
use crate::ui::job::{Job, JobMessage};
use crate::ui::labels;

/// What the export page asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCommand {
    PickOutputFolder,
    /// Start an export; `overwrite` once the clerk agreed to replace an existing package.
    Start {
        overwrite: bool,
    },
    Cancel,
    OpenFolder(PathBuf),
    /// 打印…: open the 打印版 in the system's PDF viewer.
    OpenPrint(PathBuf),
    PickVerifyFolder,
    PickVerifyImage,
    Verify,
}

/// The page's own state: the chosen folders, the running job and the last results.
pub struct ExportPage {
    pub out_dir: String,
    pub verify_path: String,
    pub job: Option<Job>,
    pub outcome: Option<ExportOutcome>,
    pub report: Option<VerifyReport>,
    pub error: Option<String>,
    /// The package exists already: ask before replacing it.
    pub confirm_overwrite: bool,
    /// Write a .docx beside each PDF (on by default; the clerk may turn it off).
    pub word: bool,
}

impl Default for ExportPage {
    fn default() -> Self {
        let out_dir = crate::package::default_export_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Self {
            out_dir,
            verify_path: String::new(),
            job: None,
            outcome: None,
            report: None,
            error: None,
            confirm_overwrite: false,
            word: true,
        }
    }
}

impl ExportPage {
    /// Takes the worker's messages; true while a job runs (the window keeps repainting for the progress bar).
    pub fn poll(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return false;
        };
        match job.poll() {
            None => return true,
            Some(message) => self.finish(message),
        }
        false
    }

    /// Waits for a running job to end (tests; closing the window mid-export).
    pub fn wait(&mut self) {
        if let Some(message) = self.job.as_mut().and_then(Job::wait) {
            self.finish(message);
        }
    }

    fn finish(&mut self, message: JobMessage) {
        self.job = None;
        match message {
            JobMessage::Exported(Ok(outcome)) => {
                self.verify_path = outcome.folder.display().to_string();
                self.outcome = Some(outcome);
                self.error = None;
            }
            JobMessage::Verified(Ok(report)) => {
                self.report = Some(report);
                self.error = None;
            }
            JobMessage::Exported(Err(e)) | JobMessage::Verified(Err(e)) => self.error = Some(e),
            JobMessage::Progress(_) => {}
        }
    }

    /// Carries out a page command.
    pub fn apply(
        &mut self,
        command: ExportCommand,
        ctx: &egui::Context,
        draft: &Draft,
        blobs: &crate::store::BlobOpener,
    ) {
        match command {
            ExportCommand::PickOutputFolder => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title(labels::EXPORT_PICK_FOLDER)
                    .pick_folder()
                {
                    self.out_dir = dir.display().to_string();
                }
            }
            ExportCommand::Start { overwrite } => self.start(ctx, draft, blobs, overwrite),
            ExportCommand::Cancel => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
            }
            ExportCommand::OpenFolder(path) => {
                if let Err(e) = open_in_file_manager(&path) {
                    self.error = Some(format!("无法打开文件夹（{e}）：{}", path.display()));
                }
            }
            ExportCommand::OpenPrint(path) => {
                // The system opens a file with its default program: the PDF viewer, which prints.
                if let Err(e) = open_in_file_manager(&path) {
                    self.error = Some(format!("无法打开打印版（{e}）：{}", path.display()));
                }
            }
            ExportCommand::PickVerifyFolder => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title(labels::VERIFY_PICK_FOLDER)
                    .pick_folder()
                {
                    self.verify_path = dir.display().to_string();
                }
            }
            ExportCommand::PickVerifyImage => {
                let picked = rfd::FileDialog::new()
                    .set_title(labels::VERIFY_PICK_IMAGE)
                    .add_filter("光盘映像", &["iso"])
                    .pick_file();
                if let Some(file) = picked {
                    self.verify_path = file.display().to_string();
                }
            }
            ExportCommand::Verify => {
                self.report = None;
                self.error = None;
                match Job::verify(ctx, PathBuf::from(self.verify_path.trim())) {
                    Ok(job) => self.job = Some(job),
                    Err(e) => self.error = Some(e),
                }
            }
        }
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        draft: &Draft,
        blobs: &crate::store::BlobOpener,
        overwrite: bool,
    ) {
        self.confirm_overwrite = false;
        self.outcome = None;
        self.error = None;
        let out_dir = PathBuf::from(self.out_dir.trim());
        if self.out_dir.trim().is_empty() {
            self.error = Some("请先选择导出到哪个文件夹。".to_owned());
            return;
        }
        let mut name = crate::package::layout::package_name(draft);
        if !draft.is_final() {
            name.push_str(crate::package::REVIEW_SUFFIX);
        }
        let exists = out_dir.join(&name).exists()
            || (draft.is_final() && out_dir.join(format!("{name}.iso")).exists())
            || out_dir
                .join(format!("{name}{}", crate::package::PRINT_SUFFIX))
                .exists();
        if exists && !overwrite {
            self.confirm_overwrite = true;
            return;
        }
        match Job::export(
            ctx,
            draft.clone(),
            blobs.clone(),
            out_dir,
            overwrite,
            self.word,
        ) {
            Ok(job) => self.job = Some(job),
            Err(e) => self.error = Some(e),
        }
    }
}

/// Draws the page.
pub fn export_ui(ui: &mut Ui, page: &mut ExportPage, error_count: usize, form: &mut Form<'_>) {
    ui.heading(labels::EXPORT_HEADING);
    ui.label("导出会生成一个光盘文件夹（推荐报告、汇总表 PDF 和 Excel、附件、文件清单）和同名的 .iso 光盘映像。");
    ui.add_space(8.0);
    if error_count > 0 {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("还有 {error_count} 个错误，改正后才能导出。"))
                    .color(error_color(ui)),
            );
            if ui.link(labels::NAV_CHECK).clicked() {
                form.commands.push(Command::Show(Screen::Check));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label(labels::EXPORT_FOLDER);
        ui.add(egui::TextEdit::singleline(&mut page.out_dir).desired_width(460.0))
            .labelled_by(label.id);
        if ui.button(labels::EXPORT_PICK_FOLDER).clicked() {
            form.commands
                .push(Command::Export(ExportCommand::PickOutputFolder));
        }
    });
    let running = page.job.is_some();
    ui.checkbox(&mut page.word, labels::EXPORT_WORD_SETTING);
    ui.horizontal(|ui| {
        let can_start = error_count == 0 && !running;
        if ui
            .add_enabled(can_start, egui::Button::new(labels::EXPORT_START))
            .clicked()
        {
            form.commands
                .push(Command::Export(ExportCommand::Start { overwrite: false }));
        }
        if page.confirm_overwrite {
            ui.label(RichText::new("该文件夹中已有同名的报送材料。").color(error_color(ui)));
            if ui.button(labels::EXPORT_OVERWRITE).clicked() {
                form.commands
                    .push(Command::Export(ExportCommand::Start { overwrite: true }));
            }
        }
    });
    if let Some(job) = &page.job {
        ui.add_space(6.0);
        ui.label(job.title);
        ui.add(egui::ProgressBar::new(job.progress.fraction).show_percentage());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&job.progress.step).weak());
            let cancel_text = if job.is_cancelling() {
                "正在取消…"
            } else {
                labels::CANCEL
            };
            if ui
                .add_enabled(!job.is_cancelling(), egui::Button::new(cancel_text))
                .clicked()
            {
                form.commands.push(Command::Export(ExportCommand::Cancel));
            }
        });
    }
    if let Some(error) = &page.error {
        ui.label(RichText::new(error).color(error_color(ui)));
    }
    if let Some(outcome) = &page.outcome {
        outcome_ui(ui, outcome, form);
    }
    ui.add_space(20.0);
    verify_ui(ui, page, running, form);
}

fn outcome_ui(ui: &mut Ui, outcome: &ExportOutcome, form: &mut Form<'_>) {
    ui.add_space(10.0);
    ui.label(RichText::new(labels::EXPORT_DONE).strong());
    match &outcome.finalize_code {
        Some(code) => {
            ui.label(
                RichText::new(format!("定稿码：{code}（印在每页页脚，也写在盘面上）")).strong(),
            );
        }
        None => {
            ui.label(
                RichText::new("这是审阅稿：未定稿，每页带草稿水印，没有光盘映像，不能报送。")
                    .color(error_color(ui)),
            );
        }
    }
    ui.label(format!("光盘文件夹：{}", outcome.folder.display()));
    if let Some(iso) = &outcome.iso {
        ui.label(format!(
            "光盘映像：{}（{:.1} MB，一张 CD-R 光盘容量 700 MB）",
            iso.display(),
            crate::package::mb(outcome.iso_bytes),
        ));
    }
    ui.horizontal(|ui| {
        ui.label(format!(
            "打印版：{}（共 {} 页，不在光盘上）",
            outcome.print_pdf.display(),
            outcome.print_pages
        ));
        if ui.button(labels::PRINT).clicked() {
            form.commands.push(Command::Export(ExportCommand::OpenPrint(
                outcome.print_pdf.clone(),
            )));
        }
    });
    ui.label("请双面打印，份数选 3（1式3份）：每份文件都从奇数页开始，背面空白页已插入。");
    if outcome.is_near_cd_limit {
        ui.label(RichText::new("超过 650 MB：请使用 700 MB 的 CD-R 光盘。").color(error_color(ui)));
    }
    if ui.button(labels::OPEN_FOLDER).clicked() {
        let parent = outcome
            .folder
            .parent()
            .map_or_else(|| outcome.folder.clone(), Path::to_path_buf);
        form.commands
            .push(Command::Export(ExportCommand::OpenFolder(parent)));
    }
    ui.add_space(6.0);
    ui.label(RichText::new(labels::DISC_LABEL).strong());
    let mut label_text = outcome.disc_label.clone();
    let heading = ui.label("用记号笔写在光盘盘面上（可选中复制）：");
    ui.add(
        egui::TextEdit::multiline(&mut label_text)
            .desired_rows(4)
            .desired_width(480.0),
    )
    .labelled_by(heading.id);
    ui.label(RichText::new(labels::BURN_HINT).weak());
}

fn verify_ui(ui: &mut Ui, page: &mut ExportPage, running: bool, form: &mut Form<'_>) {
    ui.heading(labels::VERIFY_HEADING);
    ui.label(
        "刻录后，把光盘放入光驱，选择光盘盘符（如 E:\\）或导出的文件夹、.iso 文件，逐一核对文件。",
    );
    ui.horizontal(|ui| {
        let label = ui.label(labels::VERIFY_PATH);
        ui.add(egui::TextEdit::singleline(&mut page.verify_path).desired_width(400.0))
            .labelled_by(label.id);
        if ui.button(labels::VERIFY_PICK_FOLDER).clicked() {
            form.commands
                .push(Command::Export(ExportCommand::PickVerifyFolder));
        }
        if ui.button(labels::VERIFY_PICK_IMAGE).clicked() {
            form.commands
                .push(Command::Export(ExportCommand::PickVerifyImage));
        }
    });
    let can_verify = !running && !page.verify_path.trim().is_empty();
    if ui
        .add_enabled(can_verify, egui::Button::new(labels::VERIFY_START))
        .clicked()
    {
        form.commands.push(Command::Export(ExportCommand::Verify));
    }
    if let Some(report) = &page.report {
        let color = if report.is_clean() {
            ui.visuals().hyperlink_color
        } else {
            error_color(ui)
        };
        for line in report.lines() {
            ui.label(RichText::new(line).color(color));
        }
    }
}

/// Opens a folder in the system's file manager (Explorer on Windows).
fn open_in_file_manager(path: &Path) -> std::io::Result<()> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(|_| ())
}
