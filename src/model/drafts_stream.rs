//! The streaming halves of the drafts file: attachments go out as base64 straight from their blobs, and come in
//! decoded straight into a `BlobSink`, a chunk at a time. Everything else of the file is small and goes through
//! serde as before; only `enterprises[i].attachments[j].data_base64` is streamed.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};

use base64::Engine as _;
use serde::ser::{SerializeMap as _, SerializeSeq as _};
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::blob::{BlobSink, BlobSource, CHUNK_BYTES};
use super::drafts_file::DraftsFileError;

/// Writes `top` (the drafts file as a JSON value, each attachment's `data_base64` holding its SHA-256) as pretty
/// JSON, streaming each attachment's contents from `blobs` as base64.
pub fn write_value(top: &Value, blobs: &dyn BlobSource, out: &mut dyn Write) -> io::Result<()> {
    let failure = RefCell::new(None);
    let node = Node {
        value: top,
        at: At::Top,
        blobs,
        failure: &failure,
    };
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, serde_json::ser::PrettyFormatter::new());
    let result = node.serialize(&mut ser);
    if let Some(e) = failure.into_inner() {
        return Err(e);
    }
    result.map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Where in the document a value sits, as far as finding attachments needs.
#[derive(Clone, Copy, PartialEq)]
enum At {
    Top,
    Enterprises,
    Enterprise,
    Attachments,
    Attachment,
    Other,
}

struct Node<'a> {
    value: &'a Value,
    at: At,
    blobs: &'a dyn BlobSource,
    failure: &'a RefCell<Option<io::Error>>,
}

impl Node<'_> {
    fn child<'b>(&'b self, value: &'b Value, at: At) -> Node<'b> {
        Node {
            value,
            at,
            blobs: self.blobs,
            failure: self.failure,
        }
    }
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Value::Object(map) => {
                let mut out = s.serialize_map(Some(map.len()))?;
                for (key, value) in map {
                    let at = match (self.at, key.as_str()) {
                        (At::Top, "enterprises") => At::Enterprises,
                        (At::Enterprise, "attachments") => At::Attachments,
                        _ => At::Other,
                    };
                    match (self.at, key.as_str(), value) {
                        (At::Attachment, "data_base64", Value::String(sha256)) => {
                            let data = Base64Of {
                                sha256,
                                blobs: self.blobs,
                                failure: self.failure,
                            };
                            out.serialize_entry(key, &CollectStr(&data))?;
                        }
                        _ => out.serialize_entry(key, &self.child(value, at))?,
                    }
                }
                out.end()
            }
            Value::Array(list) => {
                let at = match self.at {
                    At::Enterprises => At::Enterprise,
                    At::Attachments => At::Attachment,
                    _ => At::Other,
                };
                let mut out = s.serialize_seq(Some(list.len()))?;
                for value in list {
                    out.serialize_element(&self.child(value, at))?;
                }
                out.end()
            }
            other => other.serialize(s),
        }
    }
}

/// Serialises a `Display` as a JSON string; serde_json writes it piece by piece without collecting it.
struct CollectStr<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for CollectStr<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// An attachment's contents as base64, read from its blob while being written.
struct Base64Of<'a> {
    sha256: &'a str,
    blobs: &'a dyn BlobSource,
    failure: &'a RefCell<Option<io::Error>>,
}

impl fmt::Display for Base64Of<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut encoder = Base64Writer {
            out: f,
            pending: Vec::with_capacity(CHUNK_BYTES + 3),
        };
        let result = self
            .blobs
            .copy_blob(self.sha256, &mut encoder)
            .and_then(|_| encoder.finish());
        match result {
            Ok(()) => Ok(()),
            // The formatter failed: serde_json holds that error and reports it.
            Err(e) if e.kind() == io::ErrorKind::WriteZero => Err(fmt::Error),
            // The contents could not be read: noted here, reported by `write_value` after serde_json is done.
            Err(e) => {
                self.failure.borrow_mut().get_or_insert(e);
                Ok(())
            }
        }
    }
}

/// Encodes what is written to it as base64 into a formatter, in whole groups of three bytes.
struct Base64Writer<'a, 'f> {
    out: &'a mut fmt::Formatter<'f>,
    pending: Vec<u8>,
}

impl Base64Writer<'_, '_> {
    fn emit(&mut self, bytes: usize) -> io::Result<()> {
        let text = base64::engine::general_purpose::STANDARD.encode(&self.pending[..bytes]);
        self.out
            .write_str(&text)
            .map_err(|_| io::Error::new(io::ErrorKind::WriteZero, "写入草稿文件失败"))?;
        self.pending.drain(..bytes);
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        let all = self.pending.len();
        self.emit(all)
    }
}

impl Write for Base64Writer<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK_BYTES {
            let whole = self.pending.len() / 3 * 3;
            self.emit(whole)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Copies a drafts file, decoding every `enterprises[i].attachments[j].data_base64` string into `sink` and
/// writing `"size_bytes": <n>, "sha256": "<hex>"` in its place (lines stay where they were, for error messages).
/// Returns the reduced text and the digests stored, so the caller can refuse attachments that claim a digest
/// without carrying contents.
pub fn reduce<R: BufRead + Seek>(
    input: &mut R,
    sink: &mut dyn BlobSink,
) -> Result<(Vec<u8>, Vec<String>), DraftsFileError> {
    let mut lexer = Lexer::default();
    let mut stored = Vec::new();
    let io_error = |e: io::Error| DraftsFileError::plain(format!("无法读取文件：{e}"));
    while let Some(byte) = next_byte(input).map_err(io_error)? {
        if byte == b'"' && !lexer.in_string && lexer.at_attachment_data() {
            let (line, column) = (lexer.line, lexer.column);
            let bad = |reason: String| DraftsFileError {
                line: Some(line),
                column: Some(column),
                reason: format!("附件内容的类型不对：data_base64 不是有效的 base64（{reason}）"),
            };
            let start = input.stream_position().map_err(io_error)?;
            let size = decoded_size(input).map_err(|e| bad(e.to_string()))?;
            // Decoded twice: hashed first, then (unless held already) stored under that digest, so the store
            // never has to rewrite a row to rename it.
            input.seek(SeekFrom::Start(start)).map_err(io_error)?;
            let mut hashing = super::blob::HashingWriter::new(io::sink());
            decode_into(input, &mut hashing).map_err(|e| bad(e.to_string()))?;
            let (_, sha256, decoded) = hashing.finish();
            if decoded != size {
                return Err(bad("长度不符".to_owned()));
            }
            if !sink.has(&sha256) {
                input.seek(SeekFrom::Start(start)).map_err(io_error)?;
                let mut decoder = Decoder {
                    input: &mut *input,
                    chars: Vec::new(),
                    decoded: Vec::new(),
                    taken: 0,
                    done: false,
                };
                sink.put(&sha256, size, &mut decoder)
                    .map_err(|e| bad(e.to_string()))?;
                // The sink stops after `size` bytes; the closing quote is still to be consumed.
                while !decoder.done {
                    decoder.refill().map_err(|e| bad(e.to_string()))?;
                }
            }
            lexer.out.extend_from_slice(
                format!("\"\", \"size_bytes\": {size}, \"sha256\": \"{sha256}\"").as_bytes(),
            );
            lexer.column += 1;
            stored.push(sha256);
            continue;
        }
        lexer.push(byte);
    }
    Ok((lexer.out, stored))
}

fn next_byte<R: BufRead>(input: &mut R) -> io::Result<Option<u8>> {
    let buf = input.fill_buf()?;
    let Some(&byte) = buf.first() else {
        return Ok(None);
    };
    input.consume(1);
    Ok(Some(byte))
}

/// One open object or array, and for an object the last key seen and whether a key comes next.
enum Frame {
    Object { key: Vec<u8>, expect_key: bool },
    Array,
}

/// Just enough JSON structure to know where attachment contents are; the real parse comes later.
struct Lexer {
    out: Vec<u8>,
    stack: Vec<Frame>,
    in_string: bool,
    escaped: bool,
    string: Vec<u8>,
    line: usize,
    column: usize,
}

impl Default for Lexer {
    fn default() -> Self {
        Self {
            out: Vec::new(),
            stack: Vec::new(),
            in_string: false,
            escaped: false,
            string: Vec::new(),
            line: 1,
            column: 1,
        }
    }
}

impl Lexer {
    fn push(&mut self, byte: u8) {
        self.out.push(byte);
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            self.column += 1;
        }
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if byte == b'\\' {
                self.escaped = true;
            } else if byte == b'"' {
                self.in_string = false;
                let text = std::mem::take(&mut self.string);
                if let Some(Frame::Object { key, expect_key }) = self.stack.last_mut()
                    && *expect_key
                {
                    *key = text;
                    *expect_key = false;
                }
                return;
            }
            if self.string.len() < 64 {
                self.string.push(byte);
            }
            return;
        }
        match byte {
            b'"' => self.in_string = true,
            b'{' => self.stack.push(Frame::Object {
                key: Vec::new(),
                expect_key: true,
            }),
            b'[' => self.stack.push(Frame::Array),
            b'}' | b']' => {
                self.stack.pop();
            }
            b',' => {
                if let Some(Frame::Object { expect_key, .. }) = self.stack.last_mut() {
                    *expect_key = true;
                }
            }
            _ => {}
        }
    }

    /// Whether a string starting now is `enterprises[i].attachments[j].data_base64`.
    fn at_attachment_data(&self) -> bool {
        let key_is = |frame: &Frame, name: &[u8], value: bool| matches!(frame, Frame::Object { key, expect_key } if key == name && (!value || !*expect_key));
        match self.stack.as_slice() {
            [top, Frame::Array, enterprise, Frame::Array, attachment] => {
                key_is(top, b"enterprises", false)
                    && key_is(enterprise, b"attachments", false)
                    && key_is(attachment, b"data_base64", true)
            }
            _ => false,
        }
    }
}

/// Reads a base64 string's body up to its closing quote and returns the number of bytes it decodes to.
fn decoded_size<R: BufRead>(input: &mut R) -> io::Result<u64> {
    let (mut chars, mut padding) = (0u64, 0u64);
    loop {
        // The bulk: runs of plain base64 characters, counted a buffer at a time.
        let run = plain_run(input.fill_buf()?);
        if run > 0 {
            if padding > 0 {
                return Err(invalid("“=” 只能出现在末尾"));
            }
            chars += run as u64;
            input.consume(run);
            continue;
        }
        let Some(c) = next_char(input)? else {
            break;
        };
        if c == b'=' {
            padding += 1;
            if padding > 2 {
                return Err(invalid("“=” 太多"));
            }
        } else if padding > 0 {
            return Err(invalid("“=” 只能出现在末尾"));
        }
        chars += 1;
    }
    if chars % 4 != 0 {
        return Err(invalid("长度不是 4 的倍数"));
    }
    Ok(chars / 4 * 3 - padding)
}

/// How many bytes at the start of `buf` are base64 characters other than padding.
fn plain_run(buf: &[u8]) -> usize {
    buf.iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/'))
        .unwrap_or(buf.len())
}

/// The next base64 character of a JSON string, skipping escaped white space; `None` at the closing quote.
fn next_char<R: BufRead>(input: &mut R) -> io::Result<Option<u8>> {
    loop {
        let Some(byte) = next_byte(input)? else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "文件在附件内容中意外结束",
            ));
        };
        match byte {
            b'"' => return Ok(None),
            b'\\' => match next_byte(input)? {
                Some(b'/') => return Ok(Some(b'/')),
                Some(b'n' | b'r' | b't') => {}
                _ => return Err(invalid("含有不允许的转义")),
            },
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=' => return Ok(Some(byte)),
            b' ' => {}
            other => return Err(invalid(&format!("含有字符 0x{other:02X}"))),
        }
    }
}

fn invalid(reason: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, reason.to_owned())
}

/// Decodes a base64 string body up to and including its closing quote into `out`.
fn decode_into<R: BufRead>(input: &mut R, out: &mut dyn Write) -> io::Result<()> {
    let mut decoder = Decoder {
        input,
        chars: Vec::new(),
        decoded: Vec::new(),
        taken: 0,
        done: false,
    };
    io::copy(&mut decoder, out)?;
    Ok(())
}

/// Decodes a base64 JSON string body (already checked by `decoded_size`) as a reader, a chunk at a time.
struct Decoder<'a, R> {
    input: &'a mut R,
    chars: Vec<u8>,
    decoded: Vec<u8>,
    /// How much of `decoded` has been read.
    taken: usize,
    done: bool,
}

impl<R: BufRead> Decoder<'_, R> {
    fn refill(&mut self) -> io::Result<()> {
        self.chars.clear();
        while self.chars.len() < CHUNK_BYTES {
            let buf = self.input.fill_buf()?;
            let run = plain_run(buf).min(CHUNK_BYTES - self.chars.len());
            if run > 0 {
                self.chars.extend_from_slice(&buf[..run]);
                self.input.consume(run);
                continue;
            }
            match next_char(self.input)? {
                Some(c) => self.chars.push(c),
                None => {
                    self.done = true;
                    break;
                }
            }
        }
        self.decoded.clear();
        self.taken = 0;
        base64::engine::general_purpose::STANDARD
            .decode_vec(&self.chars, &mut self.decoded)
            .map_err(|e| invalid(&e.to_string()))
    }
}

impl<R: BufRead> Read for Decoder<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.taken == self.decoded.len() && !self.done {
            self.refill()?;
        }
        let rest = &self.decoded[self.taken..];
        let n = buf.len().min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.taken += n;
        Ok(n)
    }
}
