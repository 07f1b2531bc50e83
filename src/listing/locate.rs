//! Where a JSON pointer lands in a file's text, as a 1-based line and column, so bad input in
//! a listing file names `FILE:LINE:COLUMN`. A small scanner over text serde_json already
//! accepted: it records where each value starts and keeps the deepest one on the pointer's
//! path (a member the file lacks points at the object that should hold it).

/// Line and column of the value at `pointer` (or of its deepest ancestor present).
pub fn position(text: &str, pointer: &str) -> (usize, usize) {
    let target: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut scan = Scan {
        bytes: text.as_bytes(),
        pos: 0,
        target: &target,
        best: (0, 0),
    };
    scan.value(0);
    line_col(text, scan.best.1)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Scan<'a> {
    bytes: &'a [u8],
    pos: usize,
    target: &'a [String],
    /// (depth matched, offset) of the deepest value on the pointer's path so far.
    best: (usize, usize),
}

impl Scan<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> u8 {
        self.bytes.get(self.pos).copied().unwrap_or(0)
    }

    /// Scans one value whose path matches the target's first `depth` segments.
    fn value(&mut self, depth: usize) {
        self.skip_ws();
        if depth >= self.best.0 {
            self.best = (depth, self.pos);
        }
        match self.peek() {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => {
                self.string();
            }
            _ => {
                while self.pos < self.bytes.len() && !b",}] \t\r\n".contains(&self.bytes[self.pos])
                {
                    self.pos += 1;
                }
            }
        }
    }

    fn string(&mut self) -> String {
        let start = self.pos + 1;
        self.pos += 1;
        while self.pos < self.bytes.len() && self.bytes[self.pos] != b'"' {
            self.pos += if self.bytes[self.pos] == b'\\' { 2 } else { 1 };
        }
        let raw = &self.bytes[start..self.pos.min(self.bytes.len())];
        self.pos += 1;
        serde_json::from_slice::<String>(&[b"\"", raw, b"\""].concat())
            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
    }

    /// Whether a child named `segment` of a value at `depth` is on the target path.
    fn on_path(&self, depth: usize, segment: &str) -> bool {
        self.best.0 == depth && self.target.get(depth).is_some_and(|s| s == segment)
    }

    fn object(&mut self, depth: usize) {
        self.pos += 1;
        loop {
            self.skip_ws();
            match self.peek() {
                b'}' | 0 => break,
                b',' => self.pos += 1,
                _ => {
                    let key = self.string();
                    self.skip_ws();
                    self.pos += 1; // ':'
                    let child = if self.on_path(depth, &key) {
                        depth + 1
                    } else {
                        usize::MAX
                    };
                    self.child(child);
                }
            }
        }
        self.pos += 1;
    }

    fn array(&mut self, depth: usize) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                b']' | 0 => break,
                b',' => self.pos += 1,
                _ => {
                    let on = self.on_path(depth, &index.to_string());
                    self.child(if on { depth + 1 } else { usize::MAX });
                    index += 1;
                }
            }
        }
        self.pos += 1;
    }

    /// A member or element: on the path (`depth`), or skipped (`usize::MAX`).
    fn child(&mut self, depth: usize) {
        if depth == usize::MAX {
            let best = self.best;
            self.best = (usize::MAX, 0);
            self.value(usize::MAX);
            self.best = best;
        } else {
            self.value(depth);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_elements_and_the_nearest_ancestor() {
        let text = "{\n  \"a\": {\n    \"b\": [1, {\"c\": \"x\"}]\n  },\n  \"d\": 2\n}\n";
        assert_eq!(position(text, "/d"), (5, 8));
        assert_eq!(position(text, "/a/b/1/c"), (3, 20));
        assert_eq!(position(text, "/a/b/0"), (3, 11));
        assert_eq!(position(text, "/a/missing"), (2, 8));
        assert_eq!(position(text, ""), (1, 1));
    }
}
