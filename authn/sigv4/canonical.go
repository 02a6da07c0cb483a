package sigv4

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// Algorithms, payload markers and other wire constants.
const (
	// AlgorithmV4 is the SigV4 algorithm name.
	AlgorithmV4 = "AWS4-HMAC-SHA256"
	// AlgorithmV4a is the SigV4a (ECDSA P-256, multi-region) algorithm name.
	AlgorithmV4a = "AWS4-ECDSA-P256-SHA256"
	// UnsignedPayload is the payload hash of a request whose body is not signed.
	UnsignedPayload = "UNSIGNED-PAYLOAD"
	// StreamingPayload is the payload hash of an aws-chunked body whose chunks
	// are signed one by one (see NewChunkedReader).
	StreamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	// EmptyPayloadHash is the hex SHA-256 of the empty string.
	EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

	terminator    = "aws4_request"
	amzDateLayout = "20060102T150405Z"
)

// unreserved reports the bytes UriEncode leaves alone: A-Z a-z 0-9 - . _ ~.
var unreserved = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
		t[c+'a'-'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['.'], t['_'], t['~'] = true, true, true, true
	return t
}()

const upperHex = "0123456789ABCDEF"

// hexPairs holds the two lower-case hex digits of every byte value.
var hexPairs = func() (t [512]byte) {
	const digits = "0123456789abcdef"
	for i := range 256 {
		t[2*i], t[2*i+1] = digits[i>>4], digits[i&15]
	}
	return t
}()

// encodeHex32 writes the lower-case hex of a SHA-256 sum (hex.Encode, one
// table load per byte).
func encodeHex32(dst *[64]byte, src *[32]byte) {
	for i, b := range src {
		dst[2*i], dst[2*i+1] = hexPairs[2*int(b)], hexPairs[2*int(b)+1]
	}
}

// appendHex32 appends the lower-case hex of a SHA-256 sum.
func appendHex32(dst []byte, src *[32]byte) []byte {
	var h [64]byte
	encodeHex32(&h, src)
	return append(dst, h[:]...)
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// appendURIEncode appends UriEncode(s): every byte but the unreserved ones
// (and '/' when keepSlash) as %XX with upper-case hex. Runs of bytes kept as
// they are are copied whole.
func appendURIEncode(dst []byte, s string, keepSlash bool) []byte {
	for len(s) > 0 {
		i := 0
		for i < len(s) && (unreserved[s[i]] || (keepSlash && s[i] == '/')) {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			break
		}
		c := s[i]
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		s = s[i+1:]
	}
	return dst
}

// appendQueryComponent appends UriEncode(decode(s)) where decode turns each
// valid %XX into its byte and leaves everything else (including '+', which
// is a literal plus, and a stray '%') as it is.
func appendQueryComponent(dst []byte, s string) []byte {
	for len(s) > 0 {
		i := 0
		for i < len(s) && unreserved[s[i]] {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			break
		}
		c, n := s[i], 1
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				c, n = hi<<4|lo, 3
			}
		}
		if unreserved[c] {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
		s = s[i+n:]
	}
	return dst
}

// decodeQueryComponent returns decode(s) as described at appendQueryComponent.
func decodeQueryComponent(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				c = hi<<4 | lo
				i += 2
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// appendS3Path appends the S3 canonical URI of a wire path: valid %XX
// escapes are kept (hex upper-cased), other bytes are UriEncoded with '/'
// kept. For a path that is already fully encoded (what the SDKs send) this is
// the path itself.
func appendS3Path(dst []byte, p string) []byte {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' && i+2 < len(p) {
			if _, ok := unhex(p[i+1]); ok {
				if _, ok := unhex(p[i+2]); ok {
					dst = append(dst, '%', toUpperHex(p[i+1]), toUpperHex(p[i+2]))
					i += 2
					continue
				}
			}
		}
		if unreserved[c] || c == '/' {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}

func toUpperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// appendNormalizedPath appends the canonical URI of a wire path for every
// service but S3: RFC 3986 dot-segment removal, empty segments (repeated
// '/') dropped, a trailing '/' kept, and each segment UriEncoded once more
// (the "double encoding": the wire path is already encoded once).
func appendNormalizedPath(dst []byte, p string) []byte {
	start := len(dst)
	dst = append(dst, '/')
	trailing := false
	for i := 0; i <= len(p); {
		j := strings.IndexByte(p[i:], '/')
		if j < 0 {
			j = len(p)
		} else {
			j += i
		}
		seg, last := p[i:j], j == len(p)
		switch seg {
		case "", ".":
			trailing = last
		case "..":
			if k := bytes.LastIndexByte(dst[start+1:], '/'); k >= 0 {
				dst = dst[:start+1+k]
			} else {
				dst = dst[:start+1]
			}
			trailing = last
		default:
			if dst[len(dst)-1] != '/' {
				dst = append(dst, '/')
			}
			dst = appendURIEncode(dst, seg, false)
			trailing = false
		}
		i = j + 1
	}
	if trailing && dst[len(dst)-1] != '/' {
		dst = append(dst, '/')
	}
	return dst
}

// wirePath returns the path as it is (or will be) sent: URL.Opaque when set
// (the way to send a path Go would otherwise re-escape), else EscapedPath.
func wirePath(u *url.URL) string {
	if u.Opaque != "" {
		p := u.Opaque
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		p = strings.TrimPrefix(p, "//")
		if i := strings.IndexByte(p, '/'); i >= 0 {
			return p[i:]
		}
		return ""
	}
	return u.EscapedPath()
}

// isWhitespace is the whitespace folded in header values: space, tab,
// CR, LF, VT, FF (obs-fold continuation lines are joined with one space).
func isWhitespace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// appendTrimmed appends v with leading and trailing whitespace removed and
// inner runs of whitespace folded to one space. Runs without a byte <= ' '
// (every whitespace byte is one) are found eight bytes at a time and copied
// whole: header values such as session tokens are long and have no spaces.
func appendTrimmed(dst []byte, v string) []byte {
	for len(v) > 0 && isWhitespace(v[0]) {
		v = v[1:]
	}
	for len(v) > 0 && isWhitespace(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	for {
		i := indexControl(v)
		if i < 0 {
			return append(dst, v...)
		}
		if !isWhitespace(v[i]) {
			dst = append(dst, v[:i+1]...)
			v = v[i+1:]
			continue
		}
		dst = append(dst, v[:i]...)
		dst = append(dst, ' ')
		v = v[i+1:]
		for len(v) > 0 && isWhitespace(v[0]) {
			v = v[1:]
		}
	}
}

// cutShort is strings.Cut for the short tokens of header lists and
// credential scopes, where a plain loop beats the vectorised search.
func cutShort(s string, sep byte) (before, after string) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// loadAt loads s[i:i+8] little-endian (one instruction where unaligned
// loads are allowed) without bounds checks: callers ensure i+8 <= len(s).
func loadAt(s string, i int) uint64 {
	b := (*[8]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// indexControl returns the index of the first byte <= ' ' in s, or -1.
func indexControl(s string) int {
	const lo, hi = 0x2121212121212121, 0x8080808080808080
	i := 0
	for ; i+32 <= len(s); i += 32 {
		x, y := loadAt(s, i), loadAt(s, i+8)
		z, w := loadAt(s, i+16), loadAt(s, i+24)
		if ((x-lo)&^x|(y-lo)&^y|(z-lo)&^z|(w-lo)&^w)&hi != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if x := loadAt(s, i); (x-lo)&^x&hi != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] <= ' ' {
			return i
		}
	}
	return -1
}

func appendLower(dst []byte, s string) []byte {
	n := len(dst)
	dst = append(dst, s...)
	for i, c := range dst[n:] {
		dst[n+i] = lower[c]
	}
	return dst
}

// Header classes for signing.
const (
	classNormal        = iota
	classSkip          // left unsigned: Authorization, User-Agent, hop-by-hop ...
	classHost          // signed from r.Host
	classContentLength // signed from r.ContentLength
	classDate          // X-Amz-Date (set by Sign)
	classToken         // X-Amz-Security-Token (set by Sign)
	classContentSHA    // X-Amz-Content-Sha256 (set by Sign when asked)
	classRegionSet     // X-Amz-Region-Set (set by Sign for SigV4a)
)

// headerClass classifies a header name. Signers leave unsigned the union of
// what aws-sdk-go-v2, botocore and aws-c-auth skip: Authorization,
// User-Agent, X-Amzn-Trace-Id, Expect, Transfer-Encoding, Connection,
// Keep-Alive, Proxy-Authenticate, Proxy-Authorization, TE, Trailer, Upgrade
// and the Sec-WebSocket-Key/-Protocol/-Version handshake headers.
func headerClass(k string) int {
	switch k { // the canonical forms first: an exact switch is cheap
	case "Content-Type", "X-Amz-Target", "Content-Encoding", "Accept", "Content-Md5":
		return classNormal
	case "Host":
		return classHost
	case "Content-Length":
		return classContentLength
	case "X-Amz-Date":
		return classDate
	case "X-Amz-Security-Token":
		return classToken
	case "X-Amz-Content-Sha256":
		return classContentSHA
	case "X-Amz-Region-Set":
		return classRegionSet
	case "Authorization", "User-Agent", "X-Amzn-Trace-Id", "Expect", "Transfer-Encoding", "Connection",
		"Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Trailer", "Upgrade",
		"Sec-Websocket-Key", "Sec-Websocket-Protocol", "Sec-Websocket-Version":
		return classSkip
	}
	if len(k) > 22 || len(k) < 2 {
		return classNormal
	}
	var lb [22]byte
	for i := 0; i < len(k); i++ {
		lb[i] = lower[k[i]]
	}
	switch string(lb[:len(k)]) {
	case "host":
		return classHost
	case "content-length":
		return classContentLength
	case "x-amz-date":
		return classDate
	case "x-amz-security-token":
		return classToken
	case "x-amz-content-sha256":
		return classContentSHA
	case "x-amz-region-set":
		return classRegionSet
	case "authorization", "user-agent", "x-amzn-trace-id", "expect", "transfer-encoding", "connection",
		"keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade",
		"sec-websocket-key", "sec-websocket-protocol", "sec-websocket-version":
		return classSkip
	}
	return classNormal
}

// lower maps ASCII upper case to lower case and every other byte to itself.
var lower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

// headerMap indexes a request's header map in one pass over the map, for
// lookups by name in any case: up to 16 headers are searched linearly,
// more are sorted by lower-cased name and searched by bisection. Keys that
// differ only in case are found together. Each key is lower-cased once, as
// it is indexed: the canonical forms of the common headers (what Go's
// server and http.Header.Set write) by a switch on the key, other keys by
// folding their bytes.
type headerMap struct {
	entries []hentry
	// names holds the folded names of keys that are not lower-case
	// already and not in the switch.
	names  []byte
	sorted bool
	// unique is set when no two keys are equal but for case (always so for
	// a server's requests, whose keys are canonical): a lookup then stops
	// at the first match, and known holds the entry of each well-known
	// header.
	unique bool
	known  [numKnown]int8 // index+1 into entries, 0 when absent
}

type hentry struct {
	key   string
	lname string // key lower-cased
	vals  []string
	id    int8 // a well-known header, hAmz or hOther
}

// mustSign reports whether a request must sign the header: every x-amz-*
// header but x-amz-security-token.
func (e *hentry) mustSign() bool {
	switch e.id {
	case hAmz, hXAmzDate, hXAmzContentSha256, hXAmzRegionSet, hXAmzDecodedContentLength:
		return true
	}
	return false
}

// Well-known headers a verification looks up by id.
const (
	hAuthorization = iota
	hXAmzDate
	hDate
	hXAmzSecurityToken
	hXAmzContentSha256
	hXAmzRegionSet
	hXAmzDecodedContentLength
	numKnown
	hOther  = -1 // any other header
	hAmz    = -2 // any other x-amz-* header
	hLocal  = -3 // a header that is not x-amz-*
	hFolded = -4 // lname must be computed
)

// knownNames are the canonical keys of the well-known headers.
var knownNames = [numKnown]string{"Authorization", "X-Amz-Date", "Date", "X-Amz-Security-Token",
	"X-Amz-Content-Sha256", "X-Amz-Region-Set", "X-Amz-Decoded-Content-Length"}

// canonicalName returns the lower-cased name and the id (a well-known
// header, hAmz or hLocal) of the canonical keys of common headers, or
// hFolded for any other key.
func canonicalName(k string) (string, int) {
	switch k {
	case "Authorization":
		return "authorization", hAuthorization
	case "X-Amz-Date":
		return "x-amz-date", hXAmzDate
	case "Date":
		return "date", hDate
	case "X-Amz-Security-Token":
		return "x-amz-security-token", hXAmzSecurityToken
	case "X-Amz-Content-Sha256":
		return "x-amz-content-sha256", hXAmzContentSha256
	case "X-Amz-Region-Set":
		return "x-amz-region-set", hXAmzRegionSet
	case "X-Amz-Decoded-Content-Length":
		return "x-amz-decoded-content-length", hXAmzDecodedContentLength
	case "Content-Type":
		return "content-type", hLocal
	case "Content-Length":
		return "content-length", hLocal
	case "Content-Encoding":
		return "content-encoding", hLocal
	case "User-Agent":
		return "user-agent", hLocal
	case "Accept":
		return "accept", hLocal
	case "Accept-Encoding":
		return "accept-encoding", hLocal
	case "Content-Md5":
		return "content-md5", hLocal
	case "Expect":
		return "expect", hLocal
	case "Amz-Sdk-Invocation-Id":
		return "amz-sdk-invocation-id", hLocal
	case "Amz-Sdk-Request":
		return "amz-sdk-request", hLocal
	case "X-Amz-Target":
		return "x-amz-target", hAmz
	case "X-Amz-User-Agent":
		return "x-amz-user-agent", hAmz
	case "X-Amz-Api-Version":
		return "x-amz-api-version", hAmz
	}
	return "", hFolded
}

// lowerID is canonicalName's id for a lower-cased name.
func lowerID(l string) int {
	switch l {
	case "authorization":
		return hAuthorization
	case "x-amz-date":
		return hXAmzDate
	case "date":
		return hDate
	case "x-amz-security-token":
		return hXAmzSecurityToken
	case "x-amz-content-sha256":
		return hXAmzContentSha256
	case "x-amz-region-set":
		return hXAmzRegionSet
	case "x-amz-decoded-content-length":
		return hXAmzDecodedContentLength
	}
	if len(l) >= 6 && l[:6] == "x-amz-" {
		return hAmz
	}
	return hOther
}

// foldName returns k lower-cased: k itself when it has no upper-case
// byte, else its folded bytes in m.names.
func (m *headerMap) foldName(k string) string {
	i := 0
	for i < len(k) && (k[i] < 'A' || k[i] > 'Z') {
		i++
	}
	if i == len(k) {
		return k
	}
	if len(m.names)+len(k) > cap(m.names) {
		// A new array: the names already made keep pointing into the
		// old one.
		m.names = make([]byte, 0, max(2*cap(m.names), len(k), 256))
	}
	n := len(m.names)
	m.names = appendLower(m.names, k)
	return unsafe.String(&m.names[n], len(k))
}

// index indexes h, replacing what m held.
func (m *headerMap) index(h http.Header) {
	m.entries, m.names = m.entries[:0], m.names[:0]
	for k, v := range h {
		l, id := canonicalName(k)
		if id == hFolded {
			l = m.foldName(k)
			id = lowerID(l)
		}
		if id == hLocal {
			id = hOther
		}
		m.entries = append(m.entries, hentry{key: k, lname: l, vals: v, id: int8(id)})
	}
	m.known = [numKnown]int8{}
	m.sorted = len(m.entries) > 16
	m.unique = true
	if m.sorted {
		slices.SortFunc(m.entries, func(a, b hentry) int {
			if r := strings.Compare(a.lname, b.lname); r != 0 {
				return r
			}
			return strings.Compare(a.key, b.key)
		})
		for i := 1; i < len(m.entries); i++ {
			if m.entries[i].lname == m.entries[i-1].lname {
				m.unique = false
				return
			}
		}
	} else {
		for i := 1; i < len(m.entries); i++ {
			l := m.entries[i].lname
			for j := range i {
				if len(m.entries[j].lname) == len(l) && m.entries[j].lname == l {
					m.unique = false
					return
				}
			}
		}
	}
	if len(m.entries) > 127 {
		m.unique = false // known holds small indices only: look names up
		return
	}
	for i := range m.entries {
		if id := m.entries[i].id; id >= 0 {
			m.known[id] = int8(i + 1)
		}
	}
}

func (m *headerMap) reset() {
	clear(m.entries)
	m.entries, m.names = m.entries[:0], m.names[:0]
}

// cmpFold compares a and b as if both were lower-cased (ASCII).
func cmpFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := lower[a[i]], lower[b[i]]
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// equalFold reports whether a and b are equal but for ASCII case.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && lower[a[i]] != lower[b[i]] {
			return false
		}
	}
	return true
}

// values returns the values of the header named name (any case). Values of
// keys equal but for case are merged, keys in byte order (the order Sign and
// http.Header.Write use); only then does it allocate.
func (m *headerMap) values(name string) []string {
	if !m.sorted && m.unique {
		for i := range m.entries {
			if e := &m.entries[i]; len(e.lname) == len(name) && e.lname == name {
				return e.vals
			}
		}
		if !hasUpper(name) {
			return nil // a lower-case name matches its lower-cased key only
		}
		for i := range m.entries {
			if equalFold(m.entries[i].lname, name) {
				return m.entries[i].vals
			}
		}
		return nil
	}
	if !m.sorted {
		found, n := -1, 0
		for i := range m.entries {
			if equalFold(m.entries[i].key, name) {
				found = i
				n++
			}
		}
		switch n {
		case 0:
			return nil
		case 1:
			return m.entries[found].vals
		}
		var keys []string
		for i := range m.entries {
			if equalFold(m.entries[i].key, name) {
				keys = append(keys, m.entries[i].key)
			}
		}
		slices.Sort(keys)
		var vals []string
		for _, k := range keys {
			for i := range m.entries {
				if m.entries[i].key == k {
					vals = append(vals, m.entries[i].vals...)
				}
			}
		}
		return vals
	}
	lo, hi := 0, len(m.entries)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if cmpFold(m.entries[mid].key, name) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	end := lo
	for end < len(m.entries) && equalFold(m.entries[end].key, name) {
		end++
	}
	switch end - lo {
	case 0:
		return nil
	case 1:
		return m.entries[lo].vals
	}
	var vals []string
	for i := lo; i < end; i++ {
		vals = append(vals, m.entries[i].vals...)
	}
	return vals
}

func (m *headerMap) first(name string) string {
	if v := m.values(name); len(v) > 0 {
		return v[0]
	}
	return ""
}

// firstOf returns the first value of a well-known header (hAuthorization
// ...), as first(knownNames[id]) does.
func (m *headerMap) firstOf(id int) string {
	if !m.unique {
		return m.first(knownNames[id])
	}
	if i := m.known[id]; i > 0 {
		if v := m.entries[i-1].vals; len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// hasUpper reports whether s holds an ASCII upper-case letter.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// Classes of header key characters.
const (
	keyInvalid = iota
	keyLower
	keyUpper
	keyOther // digits and the other token characters
)

var keyChar = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = keyLower, keyUpper
	}
	for _, c := range "0123456789-!#$%&'*+.^_`|~" {
		t[c] = keyOther
	}
	return t
}()

// requestHost is the value signed as "host": r.Host, else URL.Host.
func requestHost(r *http.Request) string {
	if r.Host != "" {
		return r.Host
	}
	if r.URL != nil {
		return r.URL.Host
	}
	return ""
}

func method(r *http.Request) string {
	if r.Method == "" {
		return http.MethodGet
	}
	return r.Method
}

// header kinds in a signing header list.
const (
	hdrValues        = iota // values from the request's header map
	hdrValue                // one synthetic value
	hdrDate                 // the X-Amz-Date being signed (canon.amzDate)
	hdrContentLength        // r.ContentLength
)

type hdrEntry struct {
	vals []string
	val  string
	key  string // the map key (for ordering keys equal but for case)
	ns   int32  // lower-cased name = canon.names[ns:ne]
	ne   int32
	kind int32
}

type qparam struct{ ns, ne, ve int } // name = scratch[ns:ne], value = scratch[ne:ve]

// canon is the pooled working state of one signing or verification: the
// canonical request and string to sign are built into buf, query parameters
// into scratch, lower-cased header names into names.
type canon struct {
	buf     []byte
	scratch []byte
	names   []byte
	params  []qparam
	hdrs    []hdrEntry
	order   []int32 // c.hdrs sorted by name
	omitted []string
	hm      headerMap
	// listed is a verification's signed header list resolved against hm
	// (listedFor): each name as sent with its values.
	listed    []listedHeader
	listedFor string
	// skipToken leaves X-Amz-Security-Token out of a presigned canonical
	// query (a token added to the URL after signing).
	skipToken bool
	// cleanToken is the session token of a verification when it holds no
	// whitespace (see resolveKey).
	cleanToken string
	h          hash.Hash // SHA-256, for HMACs resumed from a key's pad states
	sum        [32]byte
	amzDate    [16]byte
}

var canonPool = sync.Pool{New: func() any {
	return &canon{buf: make([]byte, 0, 2048), scratch: make([]byte, 0, 512), names: make([]byte, 0, 256),
		hdrs: make([]hdrEntry, 0, 16), order: make([]int32, 0, 16)}
}}

func getCanon() *canon { return canonPool.Get().(*canon) }

func putCanon(c *canon) {
	if cap(c.buf) > 64<<10 || cap(c.scratch) > 64<<10 || cap(c.names) > 64<<10 || cap(c.hdrs) > 256 ||
		cap(c.hm.entries) > 256 || cap(c.listed) > 256 {
		return
	}
	c.buf, c.scratch, c.names, c.params, c.order = c.buf[:0], c.scratch[:0], c.names[:0], c.params[:0], c.order[:0]
	clear(c.hdrs)
	c.hdrs = c.hdrs[:0]
	clear(c.omitted)
	c.omitted = c.omitted[:0]
	c.hm.reset()
	clear(c.listed)
	c.listed, c.listedFor = c.listed[:0], ""
	c.skipToken, c.cleanToken = false, ""
	canonPool.Put(c)
}

// appendPath appends the canonical URI.
func appendPath(dst []byte, wire string, s3 bool) []byte {
	if s3 {
		if wire == "" || wire[0] != '/' {
			dst = append(dst, '/')
		}
		return appendS3Path(dst, wire)
	}
	return appendNormalizedPath(dst, wire)
}

// appendQuery appends the canonical query string of a raw query: split on
// '&' (only), each name and value decoded and UriEncoded, sorted by name then
// value. With presigned, X-Amz-Signature is left out (and with c.skipToken,
// X-Amz-Security-Token).
func (c *canon) appendQuery(raw string, presigned bool) {
	if raw == "" {
		return
	}
	c.scratch, c.params = c.scratch[:0], c.params[:0]
	for raw != "" {
		var piece string
		piece, raw, _ = strings.Cut(raw, "&")
		if piece == "" {
			continue
		}
		name, value, _ := strings.Cut(piece, "=")
		ns := len(c.scratch)
		c.scratch = appendQueryComponent(c.scratch, name)
		ne := len(c.scratch)
		if presigned && (string(c.scratch[ns:ne]) == "X-Amz-Signature" ||
			(c.skipToken && string(c.scratch[ns:ne]) == "X-Amz-Security-Token")) {
			c.scratch = c.scratch[:ns]
			continue
		}
		c.scratch = appendQueryComponent(c.scratch, value)
		c.params = append(c.params, qparam{ns, ne, len(c.scratch)})
	}
	if len(c.params) > 1 {
		s := c.scratch
		slices.SortFunc(c.params, func(a, b qparam) int {
			if r := bytes.Compare(s[a.ns:a.ne], s[b.ns:b.ne]); r != 0 {
				return r
			}
			return bytes.Compare(s[a.ne:a.ve], s[b.ne:b.ve])
		})
	}
	for i, p := range c.params {
		if i > 0 {
			c.buf = append(c.buf, '&')
		}
		c.buf = append(c.buf, c.scratch[p.ns:p.ne]...)
		c.buf = append(c.buf, '=')
		c.buf = append(c.buf, c.scratch[p.ne:p.ve]...)
	}
}

// synthetic is a header Sign adds: its lower-cased name, kind and value.
type synthetic struct {
	name string
	kind int32
	val  string
}

// collectHeaders fills c.hdrs with what a signer signs: host, content-length
// when positive, every header of h not skipped and not of a class in omit
// (a bit mask of 1<<class), plus the synthetic entries; c.order holds them
// sorted by lower-cased name. Keys of omitted classes are listed in
// c.omitted.
func (c *canon) collectHeaders(h http.Header, host string, contentLength int64, omit uint, extra ...synthetic) error {
	c.hdrs, c.names, c.omitted = c.hdrs[:0], c.names[:0], c.omitted[:0]
	c.addSynthetic("host", hdrValue, host)
	if contentLength > 0 {
		c.addSynthetic("content-length", hdrContentLength, "")
	}
	for k, v := range h {
		switch cl := headerClass(k); {
		case cl == classSkip || cl == classHost || cl == classContentLength:
			continue
		case omit&(1<<cl) != 0:
			c.omitted = append(c.omitted, k)
			continue
		}
		ns := len(c.names)
		c.names = appendLower(c.names, k)
		for _, ch := range c.names[ns:] {
			if keyChar[ch] == keyInvalid || keyChar[ch] == keyUpper {
				return fmt.Errorf("sigv4: header name %q is not an HTTP token", k)
			}
		}
		c.hdrs = append(c.hdrs, hdrEntry{vals: v, key: k, ns: int32(ns), ne: int32(len(c.names)), kind: hdrValues})
	}
	for _, e := range extra {
		c.addSynthetic(e.name, e.kind, e.val)
	}
	// Insertion sort of indices: header lists are short. Keys equal but for
	// case are ordered by their bytes; their values are merged in that order.
	c.order = c.order[:0]
	for i := range c.hdrs {
		c.order = append(c.order, int32(i))
	}
	o, names := c.order, c.names
	if len(o) > 16 {
		slices.SortFunc(o, func(x, y int32) int {
			a, b := &c.hdrs[x], &c.hdrs[y]
			if r := bytes.Compare(names[a.ns:a.ne], names[b.ns:b.ne]); r != 0 {
				return r
			}
			return strings.Compare(a.key, b.key)
		})
		return nil
	}
	for i := 1; i < len(o); i++ {
		for j := i; j > 0; j-- {
			a, b := &c.hdrs[o[j-1]], &c.hdrs[o[j]]
			if r := bytes.Compare(names[a.ns:a.ne], names[b.ns:b.ne]); r < 0 || (r == 0 && a.key <= b.key) {
				break
			}
			o[j-1], o[j] = o[j], o[j-1]
		}
	}
	return nil
}

func (c *canon) addSynthetic(name string, kind int32, val string) {
	ns := len(c.names)
	c.names = append(c.names, name...)
	c.hdrs = append(c.hdrs, hdrEntry{val: val, ns: int32(ns), ne: int32(len(c.names)), kind: kind})
}

func (c *canon) name(e *hdrEntry) []byte { return c.names[e.ns:e.ne] }

// sameName reports whether the i-th and j-th sorted entries share a name.
func (c *canon) sameName(i, j int) bool {
	return bytes.Equal(c.name(&c.hdrs[c.order[i]]), c.name(&c.hdrs[c.order[j]]))
}

// appendHeaderValue appends the canonical value of one entry.
func (c *canon) appendHeaderValue(dst []byte, e *hdrEntry, contentLength int64) []byte {
	switch e.kind {
	case hdrValue:
		return appendTrimmed(dst, e.val)
	case hdrDate:
		return append(dst, c.amzDate[:]...)
	case hdrContentLength:
		return strconv.AppendInt(dst, contentLength, 10)
	}
	for i, v := range e.vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendTrimmed(dst, v)
	}
	return dst
}

// appendCollectedHeaders appends the canonical headers block of c.hdrs
// (entries whose names differ only in case are merged, values in order).
func (c *canon) appendCollectedHeaders(contentLength int64) {
	for i, k := range c.order {
		e := &c.hdrs[k]
		if i > 0 && c.sameName(i-1, i) {
			c.buf = append(c.buf, ',')
		} else {
			c.buf = append(c.buf, c.name(e)...)
			c.buf = append(c.buf, ':')
		}
		c.buf = c.appendHeaderValue(c.buf, e, contentLength)
		if i+1 == len(c.order) || !c.sameName(i, i+1) {
			c.buf = append(c.buf, '\n')
		}
	}
}

// appendSignedHeaderList appends the ';'-joined lower-cased names of c.hdrs.
func (c *canon) appendSignedHeaderList(dst []byte) []byte {
	for i, k := range c.order {
		if i > 0 {
			if c.sameName(i-1, i) {
				continue
			}
			dst = append(dst, ';')
		}
		dst = append(dst, c.name(&c.hdrs[k])...)
	}
	return dst
}

// appendListedHeaders appends the canonical headers block for a signed
// header list as sent (verification): each name, in the order given, with
// its values from r.
func (c *canon) appendListedHeaders(r *http.Request, m *headerMap, host, list string) {
	if c.listedFor == list && len(list) > 0 {
		for i := range c.listed {
			e := &c.listed[i]
			c.buf = append(c.buf, e.name...)
			c.buf = append(c.buf, ':')
			if e.name == "host" {
				c.buf = appendTrimmed(c.buf, host)
			} else if len(e.vals) == 1 && c.isCleanToken(e.vals[0]) {
				c.buf = append(c.buf, e.vals[0]...)
			} else if len(e.vals) > 0 {
				for i, v := range e.vals {
					if i > 0 {
						c.buf = append(c.buf, ',')
					}
					c.buf = appendTrimmed(c.buf, v)
				}
			} else if e.name == "content-length" && r.ContentLength > 0 {
				c.buf = strconv.AppendInt(c.buf, r.ContentLength, 10)
			}
			c.buf = append(c.buf, '\n')
		}
		return
	}
	for list != "" {
		var name string
		name, list = cutShort(list, ';')
		c.buf = append(c.buf, name...)
		c.buf = append(c.buf, ':')
		if name == "host" {
			c.buf = appendTrimmed(c.buf, host)
		} else if vals := m.values(name); len(vals) > 0 {
			for i, v := range vals {
				if i > 0 {
					c.buf = append(c.buf, ',')
				}
				c.buf = appendTrimmed(c.buf, v)
			}
		} else if name == "content-length" && r.ContentLength > 0 {
			c.buf = strconv.AppendInt(c.buf, r.ContentLength, 10)
		}
		c.buf = append(c.buf, '\n')
	}
}

// isCleanToken reports whether v is the very string recorded as
// c.cleanToken (not merely equal to it).
func (c *canon) isCleanToken(v string) bool {
	return len(v) > 0 && len(v) == len(c.cleanToken) && unsafe.StringData(v) == unsafe.StringData(c.cleanToken)
}

// listedHeader is one name of a signed header list, as sent, with the
// values the request's headers hold under it (any case).
type listedHeader struct {
	name string
	vals []string
}

// resolveList splits a signed header list as appendListedHeaders does and
// looks each name up once, for checkSignedHeaders and the canonical
// request.
func (c *canon) resolveList(list string) {
	c.listed, c.listedFor = c.listed[:0], list
	for list != "" {
		var name string
		name, list = cutShort(list, ';')
		var vals []string
		if name != "host" {
			vals = c.hm.values(name)
		}
		c.listed = append(c.listed, listedHeader{name: name, vals: vals})
	}
}

// listed1 reports whether the resolved list holds name as it is.
func (c *canon) listed1(name string) bool {
	for i := range c.listed {
		if l := c.listed[i].name; len(l) == len(name) && l == name {
			return true
		}
	}
	return false
}

// listedFold reports whether the resolved list holds name, ASCII case
// insensitively.
func (c *canon) listedFold(name string) bool {
	for i := range c.listed {
		if equalFold(c.listed[i].name, name) {
			return true
		}
	}
	return false
}

// appendAmzDate appends t (UTC) as YYYYMMDDTHHMMSSZ.
func appendAmzDate(dst []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	dst = append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	dst = append(dst, byte('0'+int(mo)/10), byte('0'+int(mo)%10), byte('0'+d/10), byte('0'+d%10), 'T')
	dst = append(dst, byte('0'+h/10), byte('0'+h%10), byte('0'+mi/10), byte('0'+mi%10), byte('0'+s/10), byte('0'+s%10), 'Z')
	return dst
}

// setDate sets c.amzDate to t; amz says t was parsed from raw by
// parseAmzDate, whose input formats back to the same bytes: raw is copied.
func (c *canon) setDate(t time.Time, raw string, amz bool) {
	if amz && len(raw) == len(c.amzDate) {
		copy(c.amzDate[:], raw)
		return
	}
	appendAmzDate(c.amzDate[:0], t)
}

// parseAmzDate parses YYYYMMDDTHHMMSSZ without allocating.
func parseAmzDate(s string) (time.Time, bool) {
	if len(s) != 16 || s[8] != 'T' || s[15] != 'Z' {
		return time.Time{}, false
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(4, 6)
	d, ok3 := num(6, 8)
	h, ok4 := num(9, 11)
	mi, ok5 := num(11, 13)
	sec, ok6 := num(13, 15)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	if d > daysIn(mo, y) { // 31 February and the like
		return time.Time{}, false
	}
	days := daysFromCivil(y, mo, d)
	return time.Unix(days*86400+int64(h*3600+mi*60+sec), 0).UTC(), true
}

// daysIn is the number of days of month mo (1-12) of year y.
func daysIn(mo, y int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to the proleptic
// Gregorian date y-mo-d (y from 0 to 9999), as time.Date counts them.
func daysFromCivil(y, mo, d int) int64 {
	// Shifted by one 400-year era so that every quantity is non-negative.
	y += 400
	if mo <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	doy := (153*((mo+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468 - 146097
}

func validTime(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 0 && y <= 9999
}

// bodyHash returns the hex SHA-256 of r's body and leaves r.Body readable
// again: through GetBody when the request has one, otherwise by buffering the
// body and replacing it.
func bodyHash(r *http.Request, dst *[64]byte) error {
	if r.Body == nil || r.Body == http.NoBody {
		copy(dst[:], EmptyPayloadHash)
		return nil
	}
	h := sha256.New()
	if r.GetBody != nil {
		rc, err := r.GetBody()
		if err != nil {
			return err
		}
		_, err = io.Copy(h, rc)
		rc.Close()
		if err != nil {
			return err
		}
	} else {
		b, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return err
		}
		h.Write(b)
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	var sum [32]byte
	hex.Encode(dst[:], h.Sum(sum[:0]))
	return nil
}

// isHexHash reports whether s is 64 hex digits.
func isHexHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < 64; i++ {
		if _, ok := unhex(s[i]); !ok {
			return false
		}
	}
	return true
}

func usesS3Rules(service string) bool {
	return service == "s3" || service == "s3-object-lambda" || service == "s3-outposts" || service == "s3express"
}

// CanonicalRequest returns the SigV4 canonical request of r:
//
//	Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//
// signedHeaders names the headers to sign (any case; they are lower-cased,
// sorted and de-duplicated; "host" is always included); nil means what Sign
// signs: host, content-length when r.ContentLength > 0, and every header of
// r.Header except the ones signers skip (Authorization, User-Agent,
// X-Amzn-Trace-Id, Expect, Transfer-Encoding and the hop-by-hop headers).
// payloadHash "" means the hex SHA-256 of r.Body, which is read and restored
// as in Sign. With o.S3 the path is encoded once and not normalised;
// otherwise dot segments are removed, repeated slashes collapsed and the
// (already encoded) path encoded again. The query is canonicalised from
// r.URL.RawQuery ('+' is a literal plus, ';' is not a separator); when r has
// no Authorization header (a presigned request), X-Amz-Signature is left
// out.
func CanonicalRequest(r *http.Request, signedHeaders []string, payloadHash string, o *Options) (string, error) {
	if r == nil || r.URL == nil {
		return "", errNilRequest
	}
	var opts Options
	if o != nil {
		opts = *o
	}
	if payloadHash == "" {
		var hb [64]byte
		if err := bodyHash(r, &hb); err != nil {
			return "", err
		}
		payloadHash = string(hb[:])
	}
	c := getCanon()
	defer putCanon(c)
	c.hm.index(r.Header)
	presigned := c.hm.firstOf(hAuthorization) == ""
	host := requestHost(r)
	if signedHeaders == nil {
		if err := c.collectHeaders(r.Header, host, r.ContentLength, 0); err != nil {
			return "", err
		}
		c.buf = c.appendSignedHeaderList(c.buf[:0])
		signedHeaders = strings.Split(string(c.buf), ";")
		c.buf = c.buf[:0]
	}
	names := make([]string, 0, len(signedHeaders)+1)
	names = append(names, "host")
	for _, n := range signedHeaders {
		if n != "" {
			names = append(names, strings.ToLower(n))
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	list := strings.Join(names, ";")
	c.writeCanonical(r, &c.hm, wirePath(r.URL), r.URL.RawQuery, presigned, opts.S3, host, list, payloadHash)
	return string(c.buf), nil
}

// writeCanonical writes the canonical request for a listed set of signed
// headers into c.buf.
func (c *canon) writeCanonical(r *http.Request, m *headerMap, path, rawQuery string, presigned, s3 bool, host, list, payloadHash string) {
	c.buf = append(c.buf[:0], method(r)...)
	c.buf = append(c.buf, '\n')
	c.buf = appendPath(c.buf, path, s3)
	c.buf = append(c.buf, '\n')
	c.appendQuery(rawQuery, presigned)
	c.buf = append(c.buf, '\n')
	c.appendListedHeaders(r, m, host, list)
	c.buf = append(c.buf, '\n')
	c.buf = append(c.buf, list...)
	c.buf = append(c.buf, '\n')
	c.buf = append(c.buf, payloadHash...)
}

// Scope returns the credential scope YYYYMMDD/region/service/aws4_request
// of a signing time (taken in UTC).
func Scope(t time.Time, region, service string) string {
	var d [16]byte
	appendAmzDate(d[:0], t.UTC())
	return string(d[:8]) + "/" + region + "/" + service + "/" + terminator
}

// StringToSign returns the SigV4 string to sign of a canonical request:
//
//	AWS4-HMAC-SHA256 \n YYYYMMDDTHHMMSSZ \n scope \n hex(SHA-256(canonical request))
func StringToSign(t time.Time, region, service, canonicalRequest string) string {
	var d [16]byte
	appendAmzDate(d[:0], t.UTC())
	sum := sha256.Sum256([]byte(canonicalRequest))
	return AlgorithmV4 + "\n" + string(d[:]) + "\n" + Scope(t, region, service) + "\n" + hex.EncodeToString(sum[:])
}
