//! The demo server: static files from `www/` on loopback, with the MIME types a browser needs
//! for ES modules and WebAssembly, a strict Content-Security-Policy, and gzip for a client that
//! accepts it (as a portal's server sends the widget: the load-time figures assume it).
//!
//! std::net only: one thread per connection, `Connection: close`, GET and HEAD. It is a demo
//! and test server for 127.0.0.1, not a production web server.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

use flate2::write::GzEncoder;
use flate2::Compression;

/// Every response carries it: scripts and styles only from files of this origin, no inline
/// code, and `'wasm-unsafe-eval'` so that the page may compile WebAssembly.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// Longest request head read; anything longer is refused.
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// Binds `127.0.0.1:port` (0 picks a free port).
pub fn bind(port: u16) -> io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
}

/// Serves `root` on `listener` until the process ends.
pub fn serve(listener: TcpListener, root: &Path) -> io::Result<()> {
    let root = root.canonicalize()?;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.clone();
        thread::spawn(move || {
            // A client that went away is not the server's problem.
            let _ = handle(stream, &root);
        });
    }
    Ok(())
}

/// Serves `root` on a free port in a background thread; returns the address.
pub fn spawn(root: &Path) -> io::Result<SocketAddr> {
    let listener = bind(0)?;
    let address = listener.local_addr()?;
    let root = root.to_path_buf();
    thread::spawn(move || serve(listener, &root));
    Ok(address)
}

fn handle(mut stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = String::new();
    let mut reader = BufReader::new((&stream).take(MAX_HEAD_BYTES));
    reader.read_line(&mut head)?;
    // Drain the header lines; only Accept-Encoding changes the answer.
    let mut line = String::new();
    let mut gzip = false;
    while reader.read_line(&mut line)? > 2 {
        if let Some((name, value)) = line.split_once(':') {
            gzip |= name.trim().eq_ignore_ascii_case("accept-encoding") && value.contains("gzip");
        }
        line.clear();
    }
    let mut words = head.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let response = match method {
        "GET" | "HEAD" => match resolve(root, target) {
            Ok(path) => match fs::read(&path) {
                Ok(body) => Response::ok(content_type(&path), body).compressed(gzip),
                Err(_) => Response::error(404, "Not Found"),
            },
            Err(status) => status,
        },
        _ => Response::error(405, "Method Not Allowed"),
    };
    response.write(&mut stream, method == "HEAD")
}

/// A response before it is written.
#[derive(Debug, PartialEq)]
struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    /// The body is gzip-compressed (`Content-Encoding: gzip`).
    gzip: bool,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status: 200,
            reason: "OK",
            content_type,
            body,
            gzip: false,
        }
    }

    /// The response with its body gzip-compressed, when the client accepts it and the type is
    /// text or WebAssembly (images are compressed already).
    fn compressed(self, accepted: bool) -> Response {
        let compressible = self.content_type.starts_with("text/")
            || [
                "application/wasm",
                "application/json",
                "application/geo+json",
                "image/svg+xml",
            ]
            .contains(&self.content_type);
        if !accepted || !compressible {
            return self;
        }
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        match encoder
            .write_all(&self.body)
            .and_then(|()| encoder.finish())
        {
            Ok(body) => Response {
                body,
                gzip: true,
                ..self
            },
            Err(_) => self,
        }
    }

    fn error(status: u16, reason: &'static str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {reason}\n").into_bytes(),
            gzip: false,
        }
    }

    fn write(&self, stream: &mut impl Write, head_only: bool) -> io::Result<()> {
        write!(
            stream,
            "HTTP/1.1 {} {}\r\n\
             Content-Type: {}\r\n\
             {}Content-Length: {}\r\n\
             Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n\
             X-Content-Type-Options: nosniff\r\n\
             Cache-Control: no-cache\r\n\
             Connection: close\r\n\r\n",
            self.status,
            self.reason,
            self.content_type,
            if self.gzip {
                "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
            } else {
                "Vary: Accept-Encoding\r\n"
            },
            self.body.len()
        )?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// The file under `root` that `target` names, or the error response. Refuses any path that
/// would leave `root`: `..` segments (also percent-encoded), absolute or Windows-style parts,
/// and symbolic links pointing outside.
fn resolve(root: &Path, target: &str) -> Result<PathBuf, Response> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(Response::error(400, "Bad Request"));
    }
    let decoded = percent_decode(path).ok_or_else(|| Response::error(400, "Bad Request"))?;
    if decoded.contains(['\\', '\0']) {
        return Err(Response::error(400, "Bad Request"));
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(Response::error(403, "Forbidden"));
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    let file = file
        .canonicalize()
        .map_err(|_| Response::error(404, "Not Found"))?;
    if !file.starts_with(root) {
        return Err(Response::error(403, "Forbidden"));
    }
    if !file.is_file() {
        return Err(Response::error(404, "Not Found"));
    }
    Ok(file)
}

/// Decodes `%XX` escapes; `None` for a bad escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file, by extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "ts" | "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn www() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yardstick-serve-{}", std::process::id()));
        fs::create_dir_all(dir.join("pkg")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        fs::write(dir.join("pkg/a.wasm"), b"\0asm").unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn text_and_wasm_are_gzipped_for_a_client_that_accepts_it() {
        let body = b"export const x = 1;\n".repeat(100);
        let plain = Response::ok("text/javascript", body.clone());
        assert!(!plain.compressed(false).gzip);
        let gzipped = Response::ok("text/javascript", body.clone()).compressed(true);
        assert!(gzipped.gzip && gzipped.body.len() < body.len());
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&gzipped.body[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
        assert!(!Response::ok("image/png", body).compressed(true).gzip);
    }

    #[test]
    fn mime_types_for_modules_and_wasm() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("pkg/x.js")), "text/javascript");
        assert_eq!(content_type(Path::new("s.css")), "text/css");
        assert_eq!(content_type(Path::new("p.json")), "application/json");
        assert_eq!(content_type(Path::new("m.geojson")), "application/geo+json");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }

    #[test]
    fn paths_escaping_the_root_are_refused() {
        let root = www();
        assert_eq!(resolve(&root, "/").unwrap(), root.join("index.html"));
        assert_eq!(
            resolve(&root, "/pkg/a.wasm?v=1").unwrap(),
            root.join("pkg/a.wasm")
        );
        for target in [
            "/../Cargo.toml",
            "/pkg/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "//etc/passwd",
        ] {
            let status = resolve(&root, target).unwrap_err().status;
            assert!(matches!(status, 400 | 403 | 404), "{target}: {status}");
        }
        assert_eq!(resolve(&root, "/a\\b").unwrap_err().status, 400);
        assert_eq!(resolve(&root, "/%zz").unwrap_err().status, 400);
        assert_eq!(resolve(&root, "/missing.js").unwrap_err().status, 404);
    }

    #[test]
    fn responses_carry_type_length_and_policy() {
        let root = www();
        let address = spawn(&root).unwrap();
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .write_all(b"GET /pkg/a.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut text = Vec::new();
        stream.read_to_end(&mut text).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(
            text.contains("Content-Type: application/wasm\r\n"),
            "{text}"
        );
        assert!(text.contains("Content-Length: 4\r\n"), "{text}");
        assert!(text.contains(&format!(
            "Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n"
        )));
        assert!(text.ends_with("\0asm"));
    }
}
