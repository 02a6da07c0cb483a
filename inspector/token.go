package inspector

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
)

// Pagination tokens are opaque to callers: base64url of a small JSON
// object naming the operation, a fingerprint of the request's filters and
// sort, and the sort key of the last item returned. The next page starts
// strictly after that key, so pages stay stable when items are added or
// removed between calls: nothing returned is repeated and nothing that
// stayed is skipped. A token used with another operation or other filters
// is rejected with ValidationException.
type pageToken struct {
	Op string  `json:"o"`
	H  uint64  `json:"h"`
	N  float64 `json:"n,omitempty"` // numeric key
	T  int64   `json:"t,omitempty"` // date key
	S  string  `json:"s,omitempty"` // string key
	P  bool    `json:"p,omitempty"` // the key has a value
	A  string  `json:"a,omitempty"` // account
	I  string  `json:"i,omitempty"` // id
}

func encodeToken(t pageToken) string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s, op string, h uint64) (pageToken, error) {
	var t pageToken
	if len(s) > 1000000 {
		var v fieldErrors
		v.length("nextToken", s, 0, 1000000)
		return t, v.err()
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &t) != nil || t.Op != op {
		return t, validationOther("The nextToken is invalid.")
	}
	if t.H != h {
		return t, validationOther("The nextToken does not match the request: call again without nextToken when the filter or sort changes.")
	}
	return t, nil
}

// fingerprint hashes the parts of a request that must not change between
// pages.
func fingerprint(parts ...any) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		b, _ := json.Marshal(p)
		h.Write(b)
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// pageSize validates maxResults (0 means def).
func pageSize(v *fieldErrors, name string, n, lo, hi, def int) int {
	if n == 0 {
		return def
	}
	if n < lo || n > hi {
		v.rangeInt(name, n, lo, hi)
		return def
	}
	return n
}
