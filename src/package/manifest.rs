//! The electronic-copy manifest: `manifest.json` for machines and `文件清单.txt` for people (UTF-8 with BOM,
//! CRLF, so Notepad on any Windows shows it right).

use serde::{Deserialize, Serialize};

use super::layout::PackageFile;
use crate::model::validate::{self, Severity};
use crate::model::{Draft, messages};

/// `format` of a lingjun manifest.
pub const MANIFEST_FORMAT: &str = "lingjun-manifest";

/// What `manifest.json` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// `lingjun <version>`.
    pub app: String,
    /// The 定稿 time (RFC 3339), which dates every file; the export's time for a review copy.
    pub created_at: String,
    pub package: String,
    /// The 定稿码 printed in every page's footer; absent from a review copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalize_code: Option<String>,
    pub batch: ManifestBatch,
    pub unit: ManifestUnit,
    /// The batch's template, by name and the SHA-256 of its template file.
    #[serde(default)]
    pub template: ManifestTemplate,
    pub files: Vec<ManifestFile>,
    pub file_count: usize,
    pub total_bytes: u64,
    pub acknowledged_warnings: Vec<AcknowledgedWarning>,
}

/// The batch as the manifest records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManifestBatch {
    pub year: i32,
    pub deadline: String,
}

/// The recommending unit as the manifest records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManifestUnit {
    pub province: String,
    pub name: String,
    pub contact: String,
    pub phone: String,
}

/// The template the documents were made with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestTemplate {
    pub name: String,
    /// Lower-case hex SHA-256 of the template file `lingjun template export` writes.
    pub sha256: String,
}

/// One file of the package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Relative path inside the package, `/`-separated.
    pub path: String,
    pub size: u64,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

/// A warning the clerk acknowledged, with the reason, so the ministry sees it was considered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcknowledgedWarning {
    pub place: String,
    pub warning: String,
    pub reason: String,
}

impl Manifest {
    /// The manifest of `files` (everything but `manifest.json` itself), made with the draft's template.
    pub fn new(draft: &Draft, package: &str, files: &[PackageFile], created_at: &str) -> Self {
        let template = &draft.template;
        let files: Vec<ManifestFile> = files
            .iter()
            .map(|f| ManifestFile {
                path: f.path.clone(),
                size: f.size(),
                sha256: f.sha256(),
            })
            .collect();
        let acknowledged_warnings = validate::validate(draft, template)
            .into_iter()
            .filter(|i| i.severity == Severity::Warning)
            .filter_map(|issue| {
                let reason = validate::acknowledgement(draft, &issue)?.to_owned();
                Some(AcknowledgedWarning {
                    place: messages::field_place(&issue.field, draft, template),
                    warning: messages::issue_text(&issue),
                    reason,
                })
            })
            .collect();
        Self {
            format: MANIFEST_FORMAT.to_owned(),
            version: 1,
            app: format!("lingjun {}", crate::VERSION),
            created_at: created_at.to_owned(),
            package: package.to_owned(),
            finalize_code: draft.finalized.as_ref().map(|f| f.code.clone()),
            batch: ManifestBatch {
                year: draft.batch.year,
                deadline: draft.batch.deadline.clone(),
            },
            unit: ManifestUnit {
                province: draft.unit.province.clone(),
                name: draft.unit.name.clone(),
                contact: draft.unit.contact.clone(),
                phone: draft.unit.phone.clone(),
            },
            template: ManifestTemplate {
                name: template.name.clone(),
                sha256: template.sha256_hex(),
            },
            file_count: files.len(),
            total_bytes: files.iter().map(|f| f.size).sum(),
            files,
            acknowledged_warnings,
        }
    }

    /// `manifest.json`, pretty-printed UTF-8.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("a manifest of strings and numbers serialises");
        text.push('\n');
        text
    }

    /// Reads `manifest.json`; the reason says what is wrong.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let text = crate::model::normalize::strip_bom(text);
        let manifest: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if manifest.format != MANIFEST_FORMAT {
            return Err(format!("format 应为 {MANIFEST_FORMAT}"));
        }
        Ok(manifest)
    }

    /// `文件清单.txt`: BOM, CRLF line ends, one line per file.
    pub fn listing_text(&self) -> String {
        let mut lines = vec![
            "质量强国建设领军企业推荐材料　电子版文件清单".to_owned(),
            String::new(),
            format!("填报单位：{}（{}）", self.unit.name, self.unit.province),
            format!("联系人：{}　电话：{}", self.unit.contact, self.unit.phone),
            format!(
                "年度：{}　报送截止日期：{}",
                self.batch.year, self.batch.deadline
            ),
            format!("生成时间：{}　生成程序：{}", self.created_at, self.app),
            match &self.finalize_code {
                Some(code) => format!("定稿码：{code}（与纸质材料每页页脚的定稿码一致）"),
                None => "未定稿：本文件夹是审阅稿（草稿），不是报送材料。".to_owned(),
            },
            format!(
                "模板：{}　SHA-256：{}",
                self.template.name, self.template.sha256
            ),
            String::new(),
            "序号　文件　大小（字节）　SHA-256".to_owned(),
        ];
        for (i, file) in self.files.iter().enumerate() {
            lines.push(format!(
                "{}　{}　{}　{}",
                i + 1,
                file.path.replace('/', "\\"),
                file.size,
                file.sha256
            ));
        }
        lines.push(String::new());
        // The listing cannot list itself, but verify checks it too; manifest.json is the list verify reads. Say
        // every number, so the listing, verify and the folder as Explorer shows it all agree.
        lines.push(format!(
            "合计：{} 个文件，{} 字节；连同本清单（{}）共 {} 个文件，校验光盘时逐一核对；另有供校验用的清单 {}，文件夹中共 {} 个文件。",
            self.file_count,
            self.total_bytes,
            super::layout::LISTING_NAME,
            self.file_count + 1,
            super::layout::MANIFEST_NAME,
            self.file_count + 2
        ));
        if !self.acknowledged_warnings.is_empty() {
            lines.push(String::new());
            lines.push("已确认的警告：".to_owned());
            for (i, w) in self.acknowledged_warnings.iter().enumerate() {
                lines.push(format!(
                    "{}. {}：{}（理由：{}）",
                    i + 1,
                    w.place,
                    w.warning,
                    w.reason
                ));
            }
        }
        lines.push(String::new());
        lines.push(
            "校验方法：在领军中选择“校验光盘”，或运行 lingjun verify <光盘盘符或文件夹>。"
                .to_owned(),
        );
        let mut text = String::from('\u{FEFF}');
        text.push_str(&lines.join("\r\n"));
        text.push_str("\r\n");
        text
    }
}
