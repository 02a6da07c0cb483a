package authz

import (
	"encoding/base64"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// baseOp is a condition operator without its set qualifier and IfExists.
type baseOp uint8

const (
	opInvalid baseOp = iota
	opStringEquals
	opStringNotEquals
	opStringEqualsIgnoreCase
	opStringNotEqualsIgnoreCase
	opStringLike
	opStringNotLike
	opNumericEquals
	opNumericNotEquals
	opNumericLessThan
	opNumericLessThanEquals
	opNumericGreaterThan
	opNumericGreaterThanEquals
	opDateEquals
	opDateNotEquals
	opDateLessThan
	opDateLessThanEquals
	opDateGreaterThan
	opDateGreaterThanEquals
	opBool
	opBinaryEquals
	opIPAddress
	opNotIPAddress
	opArnEquals
	opArnLike
	opArnNotEquals
	opArnNotLike
	opNull
)

var opNames = map[string]baseOp{
	"StringEquals": opStringEquals, "StringNotEquals": opStringNotEquals,
	"StringEqualsIgnoreCase": opStringEqualsIgnoreCase, "StringNotEqualsIgnoreCase": opStringNotEqualsIgnoreCase,
	"StringLike": opStringLike, "StringNotLike": opStringNotLike,
	"NumericEquals": opNumericEquals, "NumericNotEquals": opNumericNotEquals,
	"NumericLessThan": opNumericLessThan, "NumericLessThanEquals": opNumericLessThanEquals,
	"NumericGreaterThan": opNumericGreaterThan, "NumericGreaterThanEquals": opNumericGreaterThanEquals,
	"DateEquals": opDateEquals, "DateNotEquals": opDateNotEquals,
	"DateLessThan": opDateLessThan, "DateLessThanEquals": opDateLessThanEquals,
	"DateGreaterThan": opDateGreaterThan, "DateGreaterThanEquals": opDateGreaterThanEquals,
	"Bool": opBool, "BinaryEquals": opBinaryEquals,
	"IpAddress": opIPAddress, "NotIpAddress": opNotIPAddress,
	"ArnEquals": opArnEquals, "ArnLike": opArnLike, "ArnNotEquals": opArnNotEquals, "ArnNotLike": opArnNotLike,
	"Null": opNull,
}

type family uint8

const (
	famString family = iota
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famArn
	famNull
)

func (b baseOp) family() family {
	switch {
	case b >= opStringEquals && b <= opStringNotLike:
		return famString
	case b >= opNumericEquals && b <= opNumericGreaterThanEquals:
		return famNumeric
	case b >= opDateEquals && b <= opDateGreaterThanEquals:
		return famDate
	case b == opBool:
		return famBool
	case b == opBinaryEquals:
		return famBinary
	case b == opIPAddress || b == opNotIPAddress:
		return famIP
	case b >= opArnEquals && b <= opArnNotLike:
		return famArn
	}
	return famNull
}

// negated reports the operators whose test is the negation of a positive
// one; over several policy values they are a NOR, and a missing key
// satisfies them.
func (b baseOp) negated() bool {
	switch b {
	case opStringNotEquals, opStringNotEqualsIgnoreCase, opStringNotLike, opNumericNotEquals,
		opDateNotEquals, opNotIPAddress, opArnNotEquals, opArnNotLike:
		return true
	}
	return false
}

// variables reports whether policy variables are substituted in values of
// the operator: the string and ARN operators, and Bool (the condition
// operators page lists Bool among the operators that accept variables).
func (b baseOp) variables() bool {
	f := b.family()
	return f == famString || f == famArn || f == famBool
}

type setQual uint8

const (
	setNone setQual = iota
	setForAll
	setForAny
)

type operator struct {
	base     baseOp
	set      setQual
	ifExists bool
}

// parseOperator splits "[ForAllValues:|ForAnyValue:]Base[IfExists]".
// Operator names are case-sensitive. Null takes no IfExists.
func parseOperator(s string) (operator, bool) {
	var op operator
	if rest, ok := strings.CutPrefix(s, "ForAllValues:"); ok {
		op.set, s = setForAll, rest
	} else if rest, ok := strings.CutPrefix(s, "ForAnyValue:"); ok {
		op.set, s = setForAny, rest
	}
	if b, ok := opNames[s]; ok {
		op.base = b
		return op, true
	}
	if rest, ok := strings.CutSuffix(s, "IfExists"); ok {
		if b, ok := opNames[rest]; ok && b != opNull {
			op.base, op.ifExists = b, true
			return op, true
		}
	}
	return op, false
}

// ccond is a compiled condition.
type ccond struct {
	src  *Condition
	op   operator
	key  string // lower-cased
	vals []cval
}

// cval is a compiled policy value, pre-parsed for its operator.
type cval struct {
	raw  string
	tmpl *template // non-nil when the value holds policy variables
	ok   bool      // the value parses for its operator
	num  float64
	t    time.Time
	pfx  netip.Prefix
	b    bool
	glob wildcard.Pattern
	arn  arn.Pattern
}

func compileCondition(c *Condition, vars bool) ccond {
	op, _ := parseOperator(c.Operator)
	cc := ccond{src: c, op: op, key: strings.ToLower(c.Key)}
	for _, raw := range c.Values {
		v := cval{raw: raw}
		if vars && op.base.variables() {
			v.tmpl = parseTemplate(raw)
		}
		if v.tmpl == nil {
			v.parse(op.base)
		}
		cc.vals = append(cc.vals, v)
	}
	return cc
}

func (v *cval) parse(b baseOp) {
	switch b.family() {
	case famString:
		v.ok = true
		if b == opStringLike || b == opStringNotLike {
			v.glob = wildcard.Compile(v.raw)
		}
	case famNumeric:
		v.num, v.ok = parseNumber(v.raw)
	case famDate:
		v.t, v.ok = parseDate(v.raw)
	case famBool:
		v.b, v.ok = parseBool(v.raw)
	case famBinary:
		v.ok = isBase64(v.raw)
	case famIP:
		v.pfx, v.ok = parseCIDR(v.raw)
	case famArn:
		p, err := arn.CompilePattern(v.raw)
		v.arn, v.ok = p, err == nil
	case famNull:
		v.b, v.ok = parseBool(v.raw)
	}
}

// parseNumber parses a Numeric* value: an integer or a decimal, with an
// optional sign and exponent. Go's hexadecimal floats, underscores, NaN
// and infinities are not numbers to IAM.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// isBase64 reports whether s is padded standard base64, without
// allocating.
func isBase64(s string) bool {
	if s == "" || len(s)%4 != 0 {
		return false
	}
	pad := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			pad++
		case pad > 0:
			return false
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
		default:
			return false
		}
	}
	if pad > 2 {
		return false
	}
	// The bits a padded final group leaves over must be zero, as
	// encoding/base64 requires in strict mode; we accept what it accepts.
	return pad == 0 || base64.StdEncoding.DecodedLen(len(s)) > 0
}

func parseCIDR(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-unmapBits(p.Addr())).Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// unmapBits is the prefix length lost when an IPv4-mapped IPv6 prefix is
// written as IPv4.
func unmapBits(a netip.Addr) int {
	if a.Is4In6() {
		return 96
	}
	return 0
}

// eval evaluates the condition against the request. It never fails: a
// value that cannot be parsed for its operator matches nothing.
func (c *ccond) eval(r *Request) bool {
	v, present := r.lookup(c.key)
	if c.op.base == opNull {
		for i := range c.vals {
			pv := &c.vals[i]
			if pv.ok && pv.b == !present {
				return true
			}
		}
		return false
	}
	if !present {
		if c.op.ifExists {
			return true
		}
		switch c.op.set {
		case setForAll:
			return true
		case setForAny:
			return false
		}
		return c.op.base.negated()
	}
	neg := c.op.base.negated()
	switch c.op.set {
	case setNone:
		if v.multi {
			return false // a set operator is required for a multi-valued key
		}
		m, ok := c.test(r, v.one)
		return ok && m != neg
	case setForAll:
		for i := 0; i < v.len(); i++ {
			if m, ok := c.test(r, v.at(i)); !ok || m == neg {
				return false
			}
		}
		return true
	default: // setForAny
		for i := 0; i < v.len(); i++ {
			if m, ok := c.test(r, v.at(i)); ok && m != neg {
				return true
			}
		}
		return false
	}
}

// reqValue is a request value parsed for an operator family.
type reqValue struct {
	s    string
	num  float64
	t    time.Time
	addr netip.Addr
	b    bool
}

func parseRequestValue(f family, s string) (reqValue, bool) {
	rv := reqValue{s: s}
	var err error
	ok := true
	switch f {
	case famNumeric:
		rv.num, ok = parseNumber(s)
	case famDate:
		rv.t, ok = parseDate(s)
	case famBool:
		rv.b, ok = parseBool(s)
	case famBinary:
		ok = isBase64(s)
	case famIP:
		rv.addr, err = netip.ParseAddr(s)
		ok = err == nil
		rv.addr = rv.addr.Unmap()
	}
	return rv, ok
}

// test reports whether the request value matches any policy value under
// the operator's positive test. ok is false when the request value cannot
// be parsed for the operator or no policy value can: such a condition does
// not match, negated or not.
func (c *ccond) test(r *Request, s string) (match, ok bool) {
	rv, ok := parseRequestValue(c.op.base.family(), s)
	if !ok {
		return false, false
	}
	valid := false
	for i := range c.vals {
		pv := &c.vals[i]
		if pv.tmpl != nil {
			var resolved cval
			if !pv.resolve(r, c.op.base, &resolved) {
				// An unresolved variable matches nothing; negated
				// operators therefore match (reference_policies_variables).
				valid = true
				continue
			}
			pv = &resolved
		}
		if !pv.ok {
			continue
		}
		valid = true
		if positive(c.op.base, pv, &rv) {
			return true, true
		}
	}
	return false, valid
}

// resolve substitutes the policy variables of pv into out.
func (v *cval) resolve(r *Request, b baseOp, out *cval) bool {
	switch b {
	case opStringLike, opStringNotLike:
		g, ok := v.tmpl.glob(r)
		if !ok {
			return false
		}
		*out = cval{raw: v.raw, ok: true, glob: g}
		return true
	case opArnEquals, opArnLike, opArnNotEquals, opArnNotLike:
		p, ok := v.tmpl.arnPattern(r)
		if !ok {
			return false
		}
		*out = cval{raw: v.raw, ok: true, arn: p}
		return true
	}
	s, ok := v.tmpl.resolve(r)
	if !ok {
		return false
	}
	*out = cval{raw: s}
	out.parse(b)
	return true
}

func positive(b baseOp, pv *cval, rv *reqValue) bool {
	switch b {
	case opStringEquals, opStringNotEquals:
		return rv.s == pv.raw
	case opStringEqualsIgnoreCase, opStringNotEqualsIgnoreCase:
		return strings.EqualFold(rv.s, pv.raw)
	case opStringLike, opStringNotLike:
		return pv.glob.Match(rv.s)
	case opNumericEquals, opNumericNotEquals:
		return rv.num == pv.num
	case opNumericLessThan:
		return rv.num < pv.num
	case opNumericLessThanEquals:
		return rv.num <= pv.num
	case opNumericGreaterThan:
		return rv.num > pv.num
	case opNumericGreaterThanEquals:
		return rv.num >= pv.num
	case opDateEquals, opDateNotEquals:
		return rv.t.Equal(pv.t)
	case opDateLessThan:
		return rv.t.Before(pv.t)
	case opDateLessThanEquals:
		return !rv.t.After(pv.t)
	case opDateGreaterThan:
		return rv.t.After(pv.t)
	case opDateGreaterThanEquals:
		return !rv.t.Before(pv.t)
	case opBool:
		return rv.b == pv.b
	case opBinaryEquals:
		return rv.s == pv.raw
	case opIPAddress, opNotIPAddress:
		return pv.pfx.Contains(rv.addr)
	case opArnEquals, opArnLike, opArnNotEquals, opArnNotLike:
		return pv.arn.Match(rv.s)
	}
	return false
}
