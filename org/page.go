package org

import (
	"encoding/base64"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Pagination. A NextToken is opaque to callers: it names the operation,
// the scope of the listing (a parent, a filter, ...) and the position after
// the last item returned, as the order number the item got when it was
// created, joined or attached. Listings are in that order, so a token stays
// valid while the organization changes: items added later appear on later
// pages, items removed are skipped. A token given to another operation or
// scope is rejected (InvalidInputException INVALID_NEXT_TOKEN).

const (
	defaultMaxResults = 20
	maxMaxResults     = 20
	maxTokenLength    = 100000
)

type pager struct {
	op, scope string
	after     uint64
	max       int
}

func newPager(op, scope string, maxResults int32, token string) (pager, *Error) {
	p := pager{op: op, scope: scope, max: defaultMaxResults}
	switch {
	case maxResults < 0:
		return p, errInvalid(InvalidInputExceptionReasonMinValueExceeded)
	case maxResults > maxMaxResults:
		return p, errInvalid(InvalidInputExceptionReasonMaxValueExceeded)
	case maxResults > 0:
		p.max = int(maxResults)
	}
	if token == "" {
		return p, nil
	}
	after, ok := decodeToken(op, scope, token)
	if !ok {
		return p, errInvalid(InvalidInputExceptionReasonInvalidNextToken)
	}
	p.after = after
	return p, nil
}

func encodeToken(op, scope string, after uint64) string {
	raw := "v1\x00" + op + "\x00" + scope + "\x00" + strconv.FormatUint(after, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeToken(op, scope, token string) (uint64, bool) {
	if len(token) > maxTokenLength {
		return 0, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, false
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 4 || parts[0] != "v1" || parts[1] != op || parts[2] != scope {
		return 0, false
	}
	n, err := strconv.ParseUint(parts[3], 10, 64)
	if err != nil || n == 0 {
		return 0, false
	}
	return n, true
}

// pageValues pages the values of m in the order of key.
func pageValues[K comparable, V any](m map[K]V, key func(V) uint64, p pager) ([]V, string) {
	all := make([]V, 0, len(m))
	for _, v := range m {
		all = append(all, v)
	}
	slices.SortFunc(all, func(a, b V) int { return cmpSeq(key(a), key(b)) })
	return page(all, key, p)
}

// page returns the page of items (sorted by ascending key) after p's
// position, and the token of the next page ("" on the last page).
func page[T any](items []T, key func(T) uint64, p pager) ([]T, string) {
	i := sort.Search(len(items), func(i int) bool { return key(items[i]) > p.after })
	items = items[i:]
	if len(items) <= p.max {
		return items, ""
	}
	items = items[:p.max]
	return items, encodeToken(p.op, p.scope, key(items[len(items)-1]))
}
