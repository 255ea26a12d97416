//! The command line, run as the real `lingjun` binary: commands, batches, 定稿, templates.
//! One test binary with a module per former test file: each binary links egui and wgpu, so fewer binaries build
//! and link much faster (docs/architecture.md, "Tests").

#[path = "../common/binary.rs"]
mod binary;
#[path = "../common/mod.rs"]
mod common;

mod batches;
mod cli;
mod finalize;
mod help_docs;
mod pool;
mod template;
mod template_hostile;
mod template_kept_text;
