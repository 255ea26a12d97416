//! One file per page of the centre panel.

pub mod batch_unit;
pub mod check;
pub mod enterprise;
pub mod export;
pub mod pool;
pub mod pool_entry;
pub mod preview;
mod section_focus;
pub mod template;
