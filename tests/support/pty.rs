//! Running the built binary on a pseudo-terminal (expectrl) and reading back what it drew:
//! shared by the terminal tests and the campaign's counting-bar test.

use std::io::Read;
use std::process::Command;

/// Runs `cmd` on a pseudo-terminal (stdin, stdout and stderr all the pty) and returns all it
/// wrote, escapes included.
pub fn on_pty(cmd: Command) -> String {
    let mut session = pty_session(cmd);
    read_to_end(&mut session, Vec::new())
}

pub fn pty_session(cmd: Command) -> expectrl::session::OsSession {
    let mut session = expectrl::Session::spawn(cmd).expect("spawn on a pty");
    let _ = session.get_process_mut().set_window_size(160, 40);
    session
}

/// `seen` plus everything the child writes until it closes the pty.
pub fn read_to_end(session: &mut expectrl::session::OsSession, mut seen: Vec<u8>) -> String {
    let mut buf = [0u8; 4096];
    // Linux reports EIO once the child has closed the pty: that is the end of the output.
    while let Ok(n) = session.read(&mut buf) {
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&seen).into_owned()
}

/// Every spinner frame drawn: the text between carriage returns / newlines, escapes removed.
pub fn frames(raw: &str) -> Vec<String> {
    raw.split(['\r', '\n'])
        .map(|f| {
            let mut clean = String::new();
            let mut chars = f.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    // Skip `ESC [ params final-byte`.
                    for d in chars.by_ref() {
                        if d.is_ascii_alphabetic() {
                            break;
                        }
                    }
                } else {
                    clean.push(c);
                }
            }
            clean.trim().to_string()
        })
        .filter(|f| !f.is_empty())
        .collect()
}
