//! lingjun (领军): prepares a province's recommendation package for the 质量强国建设领军企业 programme.
//!
//! | module    | its one job                                                        | may use          |
//! |-----------|--------------------------------------------------------------------|------------------|
//! | `model`   | domain types, validation, user messages, the drafts file           | std, serde       |
//! | `fonts`   | the bundled CJK fonts and which characters they draw               |                  |
//! | `render`  | drafts → PDF, xlsx and docx: own layout engine, CJK line breaking | model, fonts    |
//! | `package` | the disc folder, manifests, Joliet ISO image, verify            | model, render    |
//! | `store`   | SQLite drafts: open, refuse, migrate, load, save, autosave timing  | model            |
//! | `import`  | reports from Word (.docx, .doc) and .txt: read, plan, apply, undo  | model            |
//! | `settings`| the window's remembered choices, a JSON file beside the database   | std, serde       |
//! | `system_open`| a file or folder opened with the system's program, failures in Chinese | std, open  |
//! | `user_path`| typed paths made absolute and checked, reasons in Chinese        | std              |
//! | `ui`      | egui screens and the `App` state; nothing else                     | all of the above |
//! | `cli`     | the same operations with no egui                                   | model, store     |

pub mod cli;
pub mod fonts;
pub mod import;
pub mod model;
pub mod package;
pub mod render;
pub mod settings;
pub mod store;
pub mod system_open;
pub mod ui;
pub mod user_path;

/// The program's version, as Cargo knows it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
