//! The domain: what the clerk enters and every rule it must satisfy. No I/O beyond reading a file the clerk names.
//!
//! Glossary: 统一社会信用代码 → `credit_code`, 推荐报告 → report, 推荐名单汇总表 → summary table,
//! 填报单位 → `Unit`, 年度批次 → `Batch`, 报送前检查 → `validate`, 定稿 → `finalize`, 草稿文件 → drafts file.

pub mod batch_year;
pub mod blob;
pub mod credit_code;
pub mod draft;
pub mod drafts_file;
mod drafts_stream;
pub mod field;
pub mod file_name;
pub mod finalize;
pub mod issue;
pub mod key_figure;
pub mod made_from;
pub mod messages;
pub mod next_batch;
pub mod normalize;
pub mod pending;
pub mod phone;
pub mod pool;
pub mod pool_link;
pub mod pool_view;
pub mod provinces;
pub mod removed;
pub mod section_table;
pub mod template;
pub mod validate;

pub use draft::{Attachment, Batch, Draft, Enterprise, Unit};
pub use section_table::SectionTable;
pub use template::{KeptKind, KeptText, Template};
pub use validate::{FieldPath, Issue, IssueKind, Severity, validate};
