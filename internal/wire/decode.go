package wire

import (
	"encoding/base64"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Decode resolves the operation a request calls and decodes its input into
// a JSON-like document typed by the operation's input shape, then validates
// it against the model's constraints.
//
// The document maps model member names ("UserName", "filterCriteria") to
// values: structures and maps are map[string]any, lists []any, strings and
// enums string, integer and long int64, float and double float64, booleans
// bool, timestamps time.Time (UTC) and blobs []byte. Members bound to the
// URI, query string or headers (rest-json) sit in the same document under
// their member names. Absent members are absent; the document is never nil.
// [Bind] copies it into a struct whose json tags use the member names.
//
// body is the whole request body (the caller reads it once, for SigV4 too).
// Errors are *[Error] values in the service's protocol: an unknown operation
// (query: InvalidAction, json: UnknownOperationException 400, rest-json:
// UnknownOperationException 404), a malformed body (query:
// MalformedQueryString, json: SerializationException) or the service's
// validation error (see [Service.EncodeError]). When the operation was
// resolved it is returned even with an error.
func (s *Service) Decode(r *http.Request, body []byte) (*Operation, map[string]any, error) {
	switch s.Protocol {
	case ProtocolQuery:
		return s.decodeQuery(r, body)
	case ProtocolJSON:
		return s.decodeJSONRPC(r, body)
	default:
		return s.decodeREST(r, body)
	}
}

// finish validates a decoded input.
func (s *Service) finish(op *Operation, in map[string]any) (*Operation, map[string]any, error) {
	if op.Input == nil {
		return op, in, nil
	}
	if vs := validate(op.Input, in); len(vs) > 0 {
		return op, in, s.validationError(vs)
	}
	return op, in, nil
}

// queryParams merges the URL query string and a form-encoded body.
func queryParams(r *http.Request, body []byte) (url.Values, error) {
	params, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	if len(body) > 0 {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		for k, v := range form {
			params[k] = append(params[k], v...)
		}
	}
	return params, nil
}

func (s *Service) decodeQuery(r *http.Request, body []byte) (*Operation, map[string]any, error) {
	params, err := queryParams(r, body)
	if err != nil {
		return nil, nil, s.errMalformed("The query string is malformed: " + err.Error())
	}
	action, version := params.Get("Action"), params.Get("Version")
	if action == "" {
		return nil, nil, &Error{Code: "MissingAction", Status: http.StatusBadRequest,
			Message: "The request must contain the parameter Action."}
	}
	op, ok := s.ops[action]
	if !ok || version != s.APIVersion {
		return nil, nil, s.errUnknownOperation(action, version)
	}
	in := map[string]any{}
	if op.Input == nil {
		return op, in, nil
	}
	d := newQueryDecoder(params)
	if err := d.members(op.Input, "", in); err != nil {
		return op, nil, s.errMalformed(err.Error())
	}
	return s.finish(op, in)
}

// queryDecoder reads flattened query parameters (Users.member.1,
// Tags.member.2.Key, Attributes.entry.1.key) guided by shapes.
type queryDecoder struct {
	params   url.Values
	prefixes map[string]struct{} // every dotted prefix of every key
}

func newQueryDecoder(params url.Values) *queryDecoder {
	d := &queryDecoder{params: params, prefixes: make(map[string]struct{}, 2*len(params))}
	for k := range params {
		for i := 0; i < len(k); i++ {
			if k[i] == '.' {
				d.prefixes[k[:i]] = struct{}{}
			}
		}
	}
	return d
}

func (d *queryDecoder) has(key string) bool {
	if _, ok := d.params[key]; ok {
		return true
	}
	_, ok := d.prefixes[key]
	return ok
}

func (d *queryDecoder) members(sh *Shape, prefix string, out map[string]any) error {
	for _, m := range sh.Members {
		key := m.wireName()
		if prefix != "" {
			key = prefix + "." + key
		}
		if !d.has(key) {
			continue
		}
		v, err := d.value(m, key)
		if err != nil {
			return err
		}
		if v != nil {
			out[m.Name] = v
		}
	}
	return nil
}

func (d *queryDecoder) value(m *Member, key string) (any, error) {
	sh := m.Shape
	switch sh.Type {
	case TypeStructure:
		out := map[string]any{}
		if err := d.members(sh, key, out); err != nil {
			return nil, err
		}
		if len(out) == 0 {
			// Only unknown nested parameters: nothing AWS would read.
			return nil, nil
		}
		return out, nil
	case TypeList:
		prefix := key + "." + memberName(sh.Member, "member")
		if m.Flattened || sh.Flattened {
			prefix = key
		}
		out := []any{}
		for i := 1; ; i++ {
			ek := prefix + "." + strconv.Itoa(i)
			if !d.has(ek) {
				break
			}
			v, err := d.value(sh.Member, ek)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out = append(out, v)
			}
		}
		return out, nil
	case TypeMap:
		prefix := key + ".entry"
		if m.Flattened || sh.Flattened {
			prefix = key
		}
		kn, vn := memberName(sh.Key, "key"), memberName(sh.Value, "value")
		out := map[string]any{}
		for i := 1; ; i++ {
			ek := prefix + "." + strconv.Itoa(i)
			if !d.has(ek) {
				break
			}
			k, ok := d.params[ek+"."+kn]
			if !ok || len(k) == 0 {
				return nil, errorf("missing map key %s.%s", ek, kn)
			}
			if !d.has(ek + "." + vn) {
				continue
			}
			v, err := d.value(sh.Value, ek+"."+vn)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out[k[0]] = v
			}
		}
		return out, nil
	}
	vals, ok := d.params[key]
	if !ok || len(vals) == 0 {
		// Only nested keys: "X.y" where X is a scalar. Ignore as AWS does
		// with unknown parameters.
		return nil, nil
	}
	return parseScalar(sh, m, vals[0], key, ProtocolQuery)
}

func memberName(m *Member, def string) string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return def
}

// parseScalar converts the text form of a scalar (query parameter, URI label,
// query string or header value).
func parseScalar(sh *Shape, m *Member, text, where string, p Protocol) (any, error) {
	switch sh.Type {
	case TypeString:
		return text, nil
	case TypeInteger, TypeLong:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || sh.Type == TypeInteger && (n > math.MaxInt32 || n < math.MinInt32) {
			return nil, errorf("Value '%s' at '%s' is not a valid %s", text, where, sh.Type)
		}
		return n, nil
	case TypeFloat, TypeDouble:
		f, err := parseFloatText(text)
		if err != nil {
			return nil, errorf("Value '%s' at '%s' is not a valid %s", text, where, sh.Type)
		}
		return f, nil
	case TypeBoolean:
		switch {
		case strings.EqualFold(text, "true"):
			return true, nil
		case strings.EqualFold(text, "false"):
			return false, nil
		}
		return nil, errorf("Value '%s' at '%s' is not a valid boolean", text, where)
	case TypeTimestamp:
		format := timestampFormat(m, sh, p, m.Location)
		t, err := parseTimestamp(text, format)
		if err != nil {
			return nil, errorf("Value '%s' at '%s' is not a valid timestamp", text, where)
		}
		return t, nil
	case TypeBlob:
		b, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return nil, errorf("Value at '%s' is not valid base64", where)
		}
		return b, nil
	}
	return nil, errorf("unsupported shape type %q at '%s'", sh.Type, where)
}

func parseFloatText(text string) (float64, error) {
	switch text {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		return math.Inf(1), nil
	case "-Infinity":
		return math.Inf(-1), nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, errorf("not a number")
	}
	return f, nil
}

// Timestamp formats of the models.
const (
	tsISO8601 = "iso8601"
	tsEpoch   = "unixTimestamp"
	tsHTTP    = "rfc822"
)

// timestampFormat is the format of a timestamp: the member's or shape's
// timestampFormat trait, else the protocol's default for its location.
func timestampFormat(m *Member, sh *Shape, p Protocol, location string) string {
	if m != nil && m.TimestampFormat != "" {
		return m.TimestampFormat
	}
	if sh.TimestampFormat != "" {
		return sh.TimestampFormat
	}
	switch {
	case location == LocationHeader:
		return tsHTTP
	case location == LocationQuery || location == LocationURI || p == ProtocolQuery:
		return tsISO8601
	default:
		return tsEpoch
	}
}

// parseTimestamp accepts the given format and, leniently, the other two.
// Timestamps have millisecond precision, as everywhere in AWS.
func parseTimestamp(text, format string) (time.Time, error) {
	try := []string{format, tsISO8601, tsEpoch, tsHTTP}
	for _, f := range try {
		switch f {
		case tsEpoch:
			if sec, err := strconv.ParseFloat(text, 64); err == nil && !math.IsNaN(sec) && !math.IsInf(sec, 0) &&
				math.Abs(sec) < 1e11 {
				return epochTime(sec), nil
			}
		case tsHTTP:
			if t, err := http.ParseTime(text); err == nil {
				return t.UTC().Truncate(time.Millisecond), nil
			}
		default:
			for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999"} {
				if t, err := time.Parse(layout, text); err == nil {
					return t.UTC().Truncate(time.Millisecond), nil
				}
			}
		}
	}
	return time.Time{}, errorf("bad timestamp")
}

func epochTime(sec float64) time.Time {
	whole := math.Floor(sec)
	ms := math.Round((sec - whole) * 1000)
	return time.Unix(int64(whole), int64(ms)*int64(time.Millisecond)).UTC()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
