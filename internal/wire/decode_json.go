package wire

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// message is an error whose text is an AWS message, capitals and full stop
// included, shown to clients as is.
type message string

func (m message) Error() string { return string(m) }

func (s *Service) decodeJSONRPC(r *http.Request, body []byte) (*Operation, map[string]any, error) {
	target := r.Header.Get("X-Amz-Target")
	prefix, name, ok := strings.Cut(target, ".")
	if !ok || prefix != s.TargetPrefix {
		return nil, nil, s.errUnknownOperation(target, "")
	}
	op, ok := s.ops[name]
	if !ok {
		return nil, nil, s.errUnknownOperation(target, "")
	}
	in := map[string]any{}
	doc, err := parseJSONBody(body)
	if err != nil {
		return op, nil, s.errMalformed(err.Error())
	}
	if op.Input != nil && doc != nil {
		if err := jsonMembers(op.Input, doc, in, false); err != nil {
			return op, nil, s.errMalformed(err.Error())
		}
	}
	return s.finish(op, in)
}

// parseJSONBody parses a request body that must be one JSON object (or
// empty, or null). Numbers stay json.Number until the shape says what they are.
func parseJSONBody(body []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, message("Unable to parse the request body as JSON: " + cleanJSONError(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, message("Unexpected content after the end of the JSON document.")
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return x, nil
	default:
		return nil, message("Start of structure or map expected: " + jsonKind(v) + " found.")
	}
}

func cleanJSONError(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonKind names a JSON value the way Coral's messages do.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "STRING_VALUE"
	case json.Number:
		return "NUMBER_VALUE"
	case bool:
		return "BOOLEAN_VALUE"
	case []any:
		return "START_ARRAY"
	case map[string]any:
		return "START_OBJECT"
	default:
		return "NULL"
	}
}

func typeWord(t string) string {
	switch t {
	case TypeString:
		return "a String"
	case TypeInteger:
		return "an Integer"
	case TypeLong:
		return "a Long"
	case TypeFloat:
		return "a Float"
	case TypeDouble:
		return "a Double"
	case TypeBoolean:
		return "a Boolean"
	case TypeTimestamp:
		return "a Date"
	case TypeBlob:
		return "a ByteBuffer"
	case TypeList:
		return "a List"
	case TypeMap:
		return "a Map"
	default:
		return "a Structure"
	}
}

func mismatch(v any, sh *Shape) error {
	return message(jsonKind(v) + " can not be converted to " + typeWord(sh.Type))
}

// jsonMembers converts the body members of a structure. With bodyOnly,
// members bound to the URI, query string or headers are skipped.
func jsonMembers(sh *Shape, doc map[string]any, out map[string]any, bodyOnly bool) error {
	for _, m := range sh.Members {
		if bodyOnly && m.Location != "" {
			continue
		}
		raw, ok := doc[m.wireName()]
		if !ok || raw == nil {
			continue
		}
		v, err := jsonValue(m, m.Shape, raw)
		if err != nil {
			return err
		}
		out[m.Name] = v
	}
	return nil
}

// jsonValue converts one JSON value to the document type of its shape.
func jsonValue(m *Member, sh *Shape, raw any) (any, error) {
	switch sh.Type {
	case TypeStructure:
		obj, ok := raw.(map[string]any)
		if !ok {
			return nil, mismatch(raw, sh)
		}
		out := make(map[string]any, len(obj))
		if err := jsonMembers(sh, obj, out, false); err != nil {
			return nil, err
		}
		return out, nil
	case TypeList:
		arr, ok := raw.([]any)
		if !ok {
			return nil, mismatch(raw, sh)
		}
		out := make([]any, 0, len(arr))
		for _, e := range arr {
			if e == nil {
				continue
			}
			v, err := jsonValue(sh.Member, sh.Member.Shape, e)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case TypeMap:
		obj, ok := raw.(map[string]any)
		if !ok {
			return nil, mismatch(raw, sh)
		}
		out := make(map[string]any, len(obj))
		for k, e := range obj {
			if e == nil {
				continue
			}
			v, err := jsonValue(sh.Value, sh.Value.Shape, e)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	case TypeString:
		if str, ok := raw.(string); ok {
			return str, nil
		}
	case TypeBoolean:
		if b, ok := raw.(bool); ok {
			return b, nil
		}
	case TypeInteger, TypeLong:
		if n, ok := raw.(json.Number); ok {
			i, err := strconv.ParseInt(string(n), 10, 64)
			if err != nil {
				f, ferr := strconv.ParseFloat(string(n), 64)
				if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<63 {
					return nil, message("NUMBER_VALUE " + string(n) + " can not be converted to " + typeWord(sh.Type))
				}
				i = int64(f)
			}
			if sh.Type == TypeInteger && (i > math.MaxInt32 || i < math.MinInt32) {
				return nil, message("NUMBER_VALUE " + string(n) + " can not be converted to " + typeWord(sh.Type))
			}
			return i, nil
		}
	case TypeFloat, TypeDouble:
		switch x := raw.(type) {
		case json.Number:
			f, err := strconv.ParseFloat(string(x), 64)
			if err != nil {
				return nil, message("NUMBER_VALUE " + string(x) + " can not be converted to " + typeWord(sh.Type))
			}
			return f, nil
		case string:
			if x == "NaN" || x == "Infinity" || x == "-Infinity" {
				return parseFloatText(x)
			}
		}
	case TypeTimestamp:
		var text string
		switch x := raw.(type) {
		case json.Number:
			text = string(x)
		case string:
			text = x
		default:
			return nil, mismatch(raw, sh)
		}
		t, err := parseTimestamp(text, timestampFormat(m, sh, ProtocolJSON, ""))
		if err != nil {
			return nil, message(jsonKind(raw) + " '" + text + "' can not be converted to a Date")
		}
		return t, nil
	case TypeBlob:
		if str, ok := raw.(string); ok {
			b, err := base64.StdEncoding.DecodeString(str)
			if err != nil {
				return nil, message("STRING_VALUE can not be converted to a ByteBuffer: invalid base64")
			}
			return b, nil
		}
	default:
		// document and other shapes pass through untouched.
		return raw, nil
	}
	return nil, mismatch(raw, sh)
}

func (s *Service) decodeREST(r *http.Request, body []byte) (*Operation, map[string]any, error) {
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	op, labels, ok := s.match(r.Method, path)
	if !ok {
		return nil, nil, s.errUnknownOperation(r.Method+" "+path, "")
	}
	in := map[string]any{}
	if op.Input == nil {
		return op, in, nil
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return op, nil, s.errMalformed("Unable to parse the query string: " + err.Error())
	}
	hasBody := false
	for _, m := range op.Input.Members {
		var v any
		var err error
		switch m.Location {
		case "":
			hasBody = true
			continue
		case LocationURI:
			text, ok := labels[m.wireName()]
			if !ok {
				continue
			}
			v, err = parseScalar(m.Shape, m, text, m.wireName(), ProtocolRESTJSON)
		case LocationQuery:
			v, err = queryMember(m, query)
		case LocationHeader:
			v, err = headerMember(m, r.Header)
		case LocationHeaders:
			v = prefixHeaders(m, r.Header)
		}
		if err != nil {
			return op, nil, s.errMalformed(err.Error())
		}
		if v != nil {
			in[m.Name] = v
		}
	}
	if hasBody {
		doc, err := parseJSONBody(body)
		if err != nil {
			return op, nil, s.errMalformed(err.Error())
		}
		if doc != nil {
			if err := jsonMembers(op.Input, doc, in, true); err != nil {
				return op, nil, s.errMalformed(err.Error())
			}
		}
	}
	return s.finish(op, in)
}

func queryMember(m *Member, query url.Values) (any, error) {
	sh := m.Shape
	switch sh.Type {
	case TypeMap:
		// A map bound to the query string collects every parameter that
		// no other member claims; the model has none, keep it simple.
		out := map[string]any{}
		for k, vs := range query {
			if len(vs) > 0 {
				out[k] = vs[0]
			}
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	case TypeList:
		vals, ok := query[m.wireName()]
		if !ok {
			return nil, nil
		}
		out := make([]any, 0, len(vals))
		for _, text := range vals {
			v, err := parseScalar(sh.Member.Shape, sh.Member, text, m.wireName(), ProtocolRESTJSON)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	vals, ok := query[m.wireName()]
	if !ok || len(vals) == 0 {
		return nil, nil
	}
	return parseScalar(sh, m, vals[0], m.wireName(), ProtocolRESTJSON)
}

func headerMember(m *Member, h http.Header) (any, error) {
	vals := h.Values(m.wireName())
	if len(vals) == 0 {
		return nil, nil
	}
	sh := m.Shape
	if sh.Type == TypeList {
		var out []any
		for _, line := range vals {
			for _, part := range strings.Split(line, ",") {
				v, err := parseScalar(sh.Member.Shape, sh.Member, strings.TrimSpace(part), m.wireName(), ProtocolRESTJSON)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
		}
		return out, nil
	}
	return parseScalar(sh, m, strings.TrimSpace(vals[0]), m.wireName(), ProtocolRESTJSON)
}

func prefixHeaders(m *Member, h http.Header) any {
	prefix := strings.ToLower(m.wireName())
	out := map[string]any{}
	for k, vs := range h {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, prefix) && len(vs) > 0 {
			out[lk[len(prefix):]] = vs[0]
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
