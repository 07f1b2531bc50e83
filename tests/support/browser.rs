//! A real browser for the dashboard tests: Debian's chromium, headless, driven over WebDriver
//! (chromedriver on a free port, fantoccini as the client), with a fresh profile directory.
//! Also the running `mpctl dashboard` child and a raw HTTP helper for requests a browser would
//! not make (no token, no CSRF token).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use fantoccini::{Client, ClientBuilder};

use super::project::Project;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether the browser tests can run; panics when `MPCTL_REQUIRE_BROWSER` is set (CI) but
/// chromium or chromedriver is missing, so CI fails instead of skipping.
pub fn available() -> bool {
    let found = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !found {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BROWSER").is_none(),
            "MPCTL_REQUIRE_BROWSER is set but {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("skipped: chromium and chromium-driver are not installed");
    }
    found
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// chromedriver plus one headless chromium session; both end on drop.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        super::wait::until_async("chromedriver listening", || async {
            TcpStream::connect(("127.0.0.1", port)).ok().map(|_| ())
        })
        .await;
        let profile = tempfile::tempdir().expect("profile dir");
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1150",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({"binary": CHROMIUM, "args": args}),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// A running `mpctl dashboard` and the URL it printed.
pub struct Dashboard {
    child: Child,
    /// `http://127.0.0.1:PORT/?token=…`
    pub url: String,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub token: String,
}

impl Dashboard {
    pub fn start(project: &Project, endpoint: &str, extra: &[&str]) -> Dashboard {
        Dashboard::start_with_env(project, endpoint, extra, &[])
    }

    /// [`Dashboard::start`] with environment variables set for the child.
    pub fn start_with_env(
        project: &Project,
        endpoint: &str,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Dashboard {
        let mut args = vec!["dashboard"];
        args.extend_from_slice(extra);
        let mut run = project.mpctl(endpoint, &args);
        for (k, v) in env {
            run = run.env(k, v);
        }
        let mut run = run.cmd;
        let mut child = run
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start mpctl dashboard");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("dashboard prints its URL");
        let url = line
            .trim()
            .strip_prefix("dashboard: ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        let (base, token) = url.split_once("/?token=").expect("token in the URL");
        Dashboard {
            base: base.to_string(),
            token: token.to_string(),
            url: url.clone(),
            child,
        }
    }

    /// `base + path`, with the token in the query.
    pub fn at(&self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{}{path}{sep}token={}", self.base, self.token)
    }

    /// One raw HTTP/1.1 request; returns (status, body).
    pub fn http(&self, method: &str, path: &str, headers: &[&str], body: &str) -> (u16, String) {
        let addr = self.base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).expect("connect to the dashboard");
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
        for h in headers {
            req.push_str(&format!("{h}\r\n"));
        }
        if method == "POST" {
            req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        s.write_all(req.as_bytes()).expect("send");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        let status = out
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, out)
    }

    /// The cookie header a browser holds after opening the printed URL.
    pub fn cookie(&self) -> String {
        format!("Cookie: mpctl_dashboard={}", self.token)
    }
}

impl Drop for Dashboard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
