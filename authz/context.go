package authz

import (
	"slices"
	"strings"
)

// Context holds the condition keys of a request (aws:SourceIp,
// aws:PrincipalTag/team, s3:prefix, ...). Key names are case-insensitive,
// as in IAM; values are kept as given. A key is single-valued unless set
// with [Context.SetMulti]; multi-valued keys (aws:TagKeys,
// aws:PrincipalOrgPaths, aws:CalledVia, ...) match only through the
// ForAllValues: and ForAnyValue: operators.
//
// A Context is built once per request and then only read; it is not safe
// for concurrent writes. The zero value is an empty context.
type Context struct {
	m map[string]ctxValue
}

type ctxValue struct {
	key    string // as first given, for explanations
	one    string // the value of a single-valued key
	values []string
	multi  bool
}

func (v *ctxValue) len() int {
	if v.multi {
		return len(v.values)
	}
	return 1
}

func (v *ctxValue) at(i int) string {
	if v.multi {
		return v.values[i]
	}
	return v.one
}

func (v *ctxValue) list() []string {
	if v.multi {
		return slices.Clone(v.values)
	}
	return []string{v.one}
}

// NewContext returns an empty context.
func NewContext() *Context { return &Context{} }

// Set sets a single-valued key and returns the context for chaining.
func (c *Context) Set(key, value string) *Context {
	c.put(key, ctxValue{key: key, one: value})
	return c
}

// SetMulti sets a multi-valued key; an empty list is an empty set, which is
// different from an absent key.
func (c *Context) SetMulti(key string, values ...string) *Context {
	c.put(key, ctxValue{key: key, values: slices.Clone(values), multi: true})
	return c
}

// Delete removes a key.
func (c *Context) Delete(key string) {
	if c != nil && c.m != nil {
		delete(c.m, strings.ToLower(key))
	}
}

func (c *Context) put(key string, v ctxValue) {
	if c.m == nil {
		c.m = make(map[string]ctxValue)
	}
	c.m[strings.ToLower(key)] = v
}

// Get returns the values of a key, whether the key is multi-valued, and
// whether it is present.
func (c *Context) Get(key string) (values []string, multi, ok bool) {
	v, ok := c.get(strings.ToLower(key))
	if !ok {
		return nil, false, false
	}
	return v.list(), v.multi, true
}

func (c *Context) get(lower string) (ctxValue, bool) {
	if c == nil || c.m == nil {
		return ctxValue{}, false
	}
	v, ok := c.m[lower]
	return v, ok
}

// Keys returns the key names, as given, sorted case-insensitively.
func (c *Context) Keys() []string {
	if c == nil {
		return nil
	}
	keys := make([]string, 0, len(c.m))
	for _, v := range c.m {
		keys = append(keys, v.key)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return keys
}

// Len returns the number of keys.
func (c *Context) Len() int {
	if c == nil {
		return 0
	}
	return len(c.m)
}

// Clone returns a copy that can be changed without affecting c.
func (c *Context) Clone() *Context {
	out := &Context{}
	if c == nil {
		return out
	}
	for k, v := range c.m {
		if out.m == nil {
			out.m = make(map[string]ctxValue, len(c.m))
		}
		v.values = slices.Clone(v.values)
		out.m[k] = v
	}
	return out
}
