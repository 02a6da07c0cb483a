package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Response headers as the services send them (written in Go's canonical
// form, X-Amzn-Requestid; HTTP header names are case-insensitive).
const (
	headerRequestID = "x-amzn-RequestId"
	headerErrorType = "x-amzn-ErrorType"
)

func (s *Service) contentType() string {
	switch s.Protocol {
	case ProtocolQuery:
		return "text/xml"
	case ProtocolJSON:
		return "application/x-amz-json-" + s.JSONVersion
	default:
		return "application/json"
	}
}

// EncodeResponse writes a successful response of op. output is any Go value
// whose encoding/json form is an object keyed by the output shape's wire
// member names: services return structs with json tags (omitempty and
// omitzero honoured) or maps. Timestamps may be time.Time, RFC 3339 strings
// or epoch seconds; blobs []byte. Members the shape does not have are
// dropped and null members omitted; maps are written in key order and
// structure members in model order, so the bytes are deterministic.
//
//   - query: text/xml, <OpResponse xmlns=...><OpResult>...</OpResult>
//     <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
//     </OpResponse>, lists as <member>, maps as <entry><key/><value/></entry>,
//     timestamps ISO 8601 (2026-11-23T12:00:00Z), indented like AWS.
//   - json: application/x-amz-json-1.1, timestamps as epoch seconds.
//   - rest-json: application/json, epoch seconds in the body, header- and
//     status-code-bound members honoured.
//
// Every protocol sends the request id in x-amzn-RequestId. Nothing is written
// when the output does not fit the shape; the error says where.
func (s *Service) EncodeResponse(w http.ResponseWriter, op *Operation, output any, requestID string) error {
	return s.encodeResponse(w, op, output, requestID, true)
}

// encodeResponse is EncodeResponse through the compiled JSON plans or, with
// compiled false, through the reflective encoder alone.
func (s *Service) encodeResponse(w http.ResponseWriter, op *Operation, output any, requestID string, compiled bool) error {
	if op == nil {
		return errors.New("wire: EncodeResponse: nil operation")
	}
	out, present, err := resolve(reflect.ValueOf(output))
	if err != nil {
		return fmt.Errorf("wire: %s output: %w", op.Name, err)
	}
	if present && out.Kind() != reflect.Struct && out.Kind() != reflect.Map {
		return fmt.Errorf("wire: %s output: want a struct or map, have %s", op.Name, out.Type())
	}
	status := op.ResponseCode
	hdr := http.Header{}
	var body []byte
	switch s.Protocol {
	case ProtocolQuery:
		body, err = s.queryResponse(op, out, present, requestID)
	default:
		pooled := s.bufs.get()
		defer func() { s.bufs.put(pooled, body) }()
		e := &jsonEnc{proto: s.Protocol, types: &s.types, buf: *pooled}
		if compiled {
			e.plans = &s.plans
		}
		switch {
		case op.Output == nil:
			e.buf = append(e.buf, "{}"...)
		case !present:
			e.buf = append(e.buf, "{}"...)
		default:
			bodyOnly := s.Protocol == ProtocolRESTJSON
			if bodyOnly {
				if status, err = e.bindOutput(op.Output, out, hdr, status); err != nil {
					break
				}
			}
			if e.plans != nil && out.Kind() == reflect.Struct {
				_, err = e.plan(nil, op.Output, out.Type(), bodyOnly).enc(e, out)
			} else {
				err = e.structure(op.Output, out, bodyOnly)
			}
		}
		body = e.buf
	}
	if err != nil {
		return fmt.Errorf("wire: %s output: %w", op.Name, err)
	}
	writeResponse(w, status, s.contentType(), requestID, hdr, body)
	return nil
}

func writeResponse(w http.ResponseWriter, status int, ctype, requestID string, extra http.Header, body []byte) {
	h := w.Header()
	for k, v := range extra {
		h[http.CanonicalHeaderKey(k)] = v
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if requestID != "" {
		h.Set(headerRequestID, requestID)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// toDoc turns a Go value into its encoding/json form, numbers as json.Number.
func toDoc(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	var raw []byte
	if rm, ok := v.(json.RawMessage); ok {
		raw = rm
	} else {
		var err error
		if raw, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// lookup finds a member's value in a struct or map: by wire name, then by
// member name.
func lookup(types *typeCache, obj reflect.Value, m *Member) (reflect.Value, bool, error) {
	v, ok, err := types.field(obj, m.wireName())
	if ok || err != nil || m.LocationName == "" {
		return v, ok, err
	}
	return types.field(obj, m.Name)
}

// bindOutput moves header- and status-code-bound output members to hdr and
// the status.
func (e *jsonEnc) bindOutput(sh *Shape, obj reflect.Value, hdr http.Header, status int) (int, error) {
	for _, m := range sh.Members {
		if m.Location == "" {
			continue
		}
		v, ok, err := lookup(e.types, obj, m)
		if err != nil {
			return status, fmt.Errorf("%s: %w", m.Name, err)
		}
		if !ok {
			continue
		}
		switch m.Location {
		case LocationStatusCode:
			text, _, err := numberText(v, true)
			code, cerr := strconv.Atoi(text)
			if err != nil || cerr != nil || code < 100 || code > 999 {
				return status, fmt.Errorf("%s: bad status code %s", m.Name, text)
			}
			status = code
		case LocationHeader:
			text, err := scalarText(m, m.Shape, v, ProtocolRESTJSON, LocationHeader)
			if err != nil {
				return status, fmt.Errorf("%s: %w", m.Name, err)
			}
			hdr[m.wireName()] = []string{text}
		case LocationHeaders:
			es, err := entries(v)
			if err != nil {
				return status, fmt.Errorf("%s: %w", m.Name, err)
			}
			for _, en := range es {
				if str, ok := textOf(en.val); ok {
					hdr[m.wireName()+en.key] = []string{str}
				}
			}
		}
	}
	return status, nil
}

func formatTimestamp(t time.Time, format string) string {
	t = t.UTC()
	switch format {
	case tsEpoch:
		ms := t.Nanosecond() / int(time.Millisecond)
		if ms == 0 {
			return strconv.FormatInt(t.Unix(), 10)
		}
		return strconv.FormatFloat(float64(t.Unix())+float64(ms)/1000, 'f', -1, 64)
	case tsHTTP:
		return t.Format(http.TimeFormat)
	default:
		if t.Nanosecond()/int(time.Millisecond) == 0 {
			return t.Format("2006-01-02T15:04:05Z")
		}
		return t.Format("2006-01-02T15:04:05.000Z")
	}
}

// appendTimestamp writes t in format: epoch seconds (with milliseconds when
// there are any), HTTP date, or ISO 8601 (the default).
func appendTimestamp(buf []byte, t time.Time, format string) []byte {
	t = t.UTC()
	switch format {
	case tsEpoch:
		ms := t.Nanosecond() / int(time.Millisecond)
		if ms == 0 {
			return strconv.AppendInt(buf, t.Unix(), 10)
		}
		return strconv.AppendFloat(buf, float64(t.Unix())+float64(ms)/1000, 'f', -1, 64)
	case tsHTTP:
		return t.AppendFormat(buf, http.TimeFormat)
	default:
		if t.Nanosecond()/int(time.Millisecond) == 0 {
			return t.AppendFormat(buf, "2006-01-02T15:04:05Z")
		}
		return t.AppendFormat(buf, "2006-01-02T15:04:05.000Z")
	}
}

// scalarText renders a scalar for XML text, headers and query strings.
func scalarText(m *Member, sh *Shape, v reflect.Value, p Protocol, location string) (string, error) {
	switch sh.Type {
	case TypeString:
		if str, ok := textOf(v); ok {
			return str, nil
		}
	case TypeBlob:
		return blobText(v)
	case TypeBoolean:
		if v.Kind() == reflect.Bool {
			return strconv.FormatBool(v.Bool()), nil
		}
	case TypeInteger, TypeLong:
		text, _, err := numberText(v, true)
		return text, err
	case TypeFloat, TypeDouble:
		text, _, err := numberText(v, false)
		return text, err
	case TypeTimestamp:
		t, err := timeOf(v)
		if err != nil {
			return "", err
		}
		return formatTimestamp(t, timestampFormat(m, sh, p, location)), nil
	}
	return "", fmt.Errorf("%s cannot be written as %s", kindName(v), sh.Type)
}

// pathError locates an encoding error in the output: "findings.3.severity: ...".
type pathError struct {
	path string
	err  error
}

func (p *pathError) Error() string { return p.path + ": " + p.err.Error() }
func (p *pathError) Unwrap() error { return p.err }

// inPath prefixes an error's location with one more step; paths are built
// only on the error path.
func inPath(step string, err error) error {
	if pe, ok := err.(*pathError); ok {
		return &pathError{step + "." + pe.path, pe.err}
	}
	return &pathError{step, err}
}

// jsonEnc writes JSON guided by shapes.
type jsonEnc struct {
	buf   []byte
	proto Protocol
	types *typeCache
	plans *planCache // nil: the reflective encoder only
	keys  []string   // scratch stack of map keys
}

func (e *jsonEnc) structure(sh *Shape, obj reflect.Value, bodyOnly bool) error {
	if obj.Kind() != reflect.Struct && obj.Kind() != reflect.Map {
		return fmt.Errorf("want an object, have %s", kindName(obj))
	}
	e.buf = append(e.buf, '{')
	first := true
	for _, m := range sh.Members {
		if bodyOnly && m.Location != "" {
			continue
		}
		v, ok, err := lookup(e.types, obj, m)
		if err != nil {
			return inPath(m.Name, err)
		}
		if !ok {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = appendJSONString(e.buf, m.wireName())
		e.buf = append(e.buf, ':')
		if err := e.value(m, m.Shape, v); err != nil {
			return inPath(m.Name, err)
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

func (e *jsonEnc) value(m *Member, sh *Shape, v reflect.Value) error {
	switch sh.Type {
	case TypeStructure:
		return e.structure(sh, v, false)
	case TypeList:
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return fmt.Errorf("want a list, have %s", kindName(v))
		}
		e.buf = append(e.buf, '[')
		n := 0
		for i := range v.Len() {
			el, ok, err := resolve(v.Index(i))
			if err != nil {
				return inPath(strconv.Itoa(i), err)
			}
			if !ok {
				continue
			}
			if n > 0 {
				e.buf = append(e.buf, ',')
			}
			n++
			if err := e.value(sh.Member, sh.Member.Shape, el); err != nil {
				return inPath(strconv.Itoa(i), err)
			}
		}
		e.buf = append(e.buf, ']')
		return nil
	case TypeMap:
		es, err := entries(v)
		if err != nil {
			return err
		}
		e.buf = append(e.buf, '{')
		for i, en := range es {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendJSONString(e.buf, en.key)
			e.buf = append(e.buf, ':')
			if err := e.value(sh.Value, sh.Value.Shape, en.val); err != nil {
				return inPath(en.key, err)
			}
		}
		e.buf = append(e.buf, '}')
		return nil
	case TypeString:
		str, ok := textOf(v)
		if !ok {
			return fmt.Errorf("want a string, have %s", kindName(v))
		}
		e.buf = appendJSONString(e.buf, str)
		return nil
	case TypeBlob:
		str, err := blobText(v)
		if err != nil {
			return err
		}
		e.buf = appendJSONString(e.buf, str)
		return nil
	case TypeBoolean:
		if v.Kind() != reflect.Bool {
			return fmt.Errorf("want a boolean, have %s", kindName(v))
		}
		e.buf = strconv.AppendBool(e.buf, v.Bool())
		return nil
	case TypeInteger, TypeLong, TypeFloat, TypeDouble:
		text, quoted, err := numberText(v, sh.Type == TypeInteger || sh.Type == TypeLong)
		if err != nil {
			return err
		}
		if quoted {
			e.buf = appendJSONString(e.buf, text)
		} else {
			e.buf = append(e.buf, text...)
		}
		return nil
	case TypeTimestamp:
		t, err := timeOf(v)
		if err != nil {
			return err
		}
		f := timestampFormat(m, sh, e.proto, "")
		if f == tsEpoch {
			e.buf = append(e.buf, formatTimestamp(t, f)...)
		} else {
			e.buf = appendJSONString(e.buf, formatTimestamp(t, f))
		}
		return nil
	default:
		raw, err := json.Marshal(v.Interface())
		if err != nil {
			return err
		}
		e.buf = append(e.buf, raw...)
		return nil
	}
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD, nothing else escaped.
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && !needsEscape8(load64(s, i)) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// load64 reads s[i:i+8] as a little-endian word.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// needsEscape8 reports whether any of the eight bytes of x is a control
// character, a quote, a backslash or not ASCII. It may report true for a
// word that needs nothing (the caller then looks byte by byte), never false
// for one that does.
func needsEscape8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	quote, bslash := x^(lo*'"'), x^(lo*'\\')
	return (x|(x-lo*0x20)|(quote-lo)&^quote|(bslash-lo)&^bslash)&hi != 0
}

// appendXMLText escapes s for XML character data. Characters XML 1.0 cannot
// carry become U+FFFD; a carriage return is kept as a reference so parsers do
// not fold it.
func appendXMLText(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				buf = append(buf, "&amp;"...)
			case c == '<':
				buf = append(buf, "&lt;"...)
			case c == '>':
				buf = append(buf, "&gt;"...)
			case c == '\r':
				buf = append(buf, "&#xD;"...)
			case c < 0x20 && c != '\t' && c != '\n':
				buf = append(buf, "\uFFFD"...)
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			buf = append(buf, "\uFFFD"...)
		} else {
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return buf
}

// xmlEnc writes indented XML guided by shapes.
type xmlEnc struct {
	buf   []byte
	types *typeCache
}

func (e *xmlEnc) indent(depth int) {
	e.buf = append(e.buf, '\n')
	for range depth {
		e.buf = append(e.buf, "  "...)
	}
}

func (e *xmlEnc) open(name string, depth int) {
	e.indent(depth)
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
}

func (e *xmlEnc) close(name string, depth int, nested bool) {
	if nested {
		e.indent(depth)
	}
	e.buf = append(e.buf, '<', '/')
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
}

func (e *xmlEnc) empty(name string, depth int) {
	e.indent(depth)
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '/', '>')
}

func (e *xmlEnc) text(name, text string, depth int) {
	e.open(name, depth)
	e.buf = appendXMLText(e.buf, text)
	e.close(name, depth, false)
}

// members writes a structure's members as child elements.
func (e *xmlEnc) members(sh *Shape, obj reflect.Value, depth int) error {
	if obj.Kind() != reflect.Struct && obj.Kind() != reflect.Map {
		return fmt.Errorf("want an object, have %s", kindName(obj))
	}
	for _, m := range sh.Members {
		v, ok, err := lookup(e.types, obj, m)
		if err != nil {
			return inPath(m.Name, err)
		}
		if !ok {
			continue
		}
		if err := e.element(m.wireName(), m, m.Shape, v, depth); err != nil {
			return inPath(m.Name, err)
		}
	}
	return nil
}

func (e *xmlEnc) element(name string, m *Member, sh *Shape, v reflect.Value, depth int) error {
	switch sh.Type {
	case TypeStructure:
		e.open(name, depth)
		mark := len(e.buf)
		if err := e.members(sh, v, depth+1); err != nil {
			return err
		}
		e.close(name, depth, len(e.buf) > mark)
		return nil
	case TypeList:
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return fmt.Errorf("want a list, have %s", kindName(v))
		}
		flat := m.Flattened || sh.Flattened
		item := memberName(sh.Member, "member")
		start := len(e.buf)
		if flat {
			item = name
		} else {
			e.open(name, depth)
			depth++
		}
		mark := len(e.buf)
		for i := range v.Len() {
			el, ok, err := resolve(v.Index(i))
			if err != nil {
				return inPath(strconv.Itoa(i), err)
			}
			if !ok {
				continue
			}
			if err := e.element(item, sh.Member, sh.Member.Shape, el, depth); err != nil {
				return inPath(strconv.Itoa(i), err)
			}
		}
		if !flat {
			if len(e.buf) == mark {
				// <Tags/> for an empty list, as AWS writes it.
				e.buf = e.buf[:start]
				e.empty(name, depth-1)
			} else {
				e.close(name, depth-1, true)
			}
		}
		return nil
	case TypeMap:
		es, err := entries(v)
		if err != nil {
			return err
		}
		flat := m.Flattened || sh.Flattened
		if !flat {
			if len(es) == 0 {
				e.empty(name, depth)
				return nil
			}
			e.open(name, depth)
			depth++
		}
		kn, vn := memberName(sh.Key, "key"), memberName(sh.Value, "value")
		entryName := "entry"
		if flat {
			entryName = name
		}
		for _, en := range es {
			e.open(entryName, depth)
			e.text(kn, en.key, depth+1)
			if err := e.element(vn, sh.Value, sh.Value.Shape, en.val, depth+1); err != nil {
				return inPath(en.key, err)
			}
			e.close(entryName, depth, true)
		}
		if !flat {
			e.close(name, depth-1, true)
		}
		return nil
	}
	text, err := scalarText(m, sh, v, ProtocolQuery, "")
	if err != nil {
		return err
	}
	e.text(name, text, depth)
	return nil
}

func (s *Service) queryResponse(op *Operation, out reflect.Value, present bool, requestID string) ([]byte, error) {
	e := &xmlEnc{buf: make([]byte, 0, 512), types: &s.types}
	root := op.Name + "Response"
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, root...)
	e.buf = append(e.buf, ` xmlns="`...)
	e.buf = appendXMLText(e.buf, s.XMLNamespace)
	e.buf = append(e.buf, `">`...)
	if op.Output != nil {
		wrapper := op.ResultWrapper
		if wrapper == "" {
			wrapper = op.Name + "Result"
		}
		mark := len(e.buf)
		e.open(wrapper, 1)
		inner := len(e.buf)
		if present {
			if err := e.members(op.Output, out, 2); err != nil {
				return nil, err
			}
		}
		if len(e.buf) == inner {
			e.buf = e.buf[:mark]
			e.empty(wrapper, 1)
		} else {
			e.close(wrapper, 1, true)
		}
	}
	e.open("ResponseMetadata", 1)
	e.text("RequestId", requestID, 2)
	e.close("ResponseMetadata", 1, true)
	e.close(root, 0, true)
	e.buf = append(e.buf, '\n')
	return e.buf, nil
}

// errorShape finds the modelled error for a code: by wire code
// ("NoSuchEntity"), else by shape name ("NoSuchEntityException").
func (s *Service) errorShape(code string) *Shape {
	if sh, ok := s.errs[code]; ok {
		return sh
	}
	if sh, ok := s.shapes[code]; ok && sh.Exception {
		return sh
	}
	return nil
}

// EncodeError writes e as the service's protocol renders errors.
//
// The status is the model's httpStatusCode for a modelled error, else
// e.HTTPStatusCode() when e implements [HTTPStatusCoder], else 500 for a
// modelled fault and 400 otherwise. Extra members come from
// [ErrorFielder]: for a modelled error only the shape's members are written,
// in model order and typed by the shape; for an unmodelled one every field
// is written (scalars only in XML). A code naming a modelled error by its
// shape name ("NoSuchEntityException" for iam) is written as the wire code
// ("NoSuchEntity").
//
//   - query: <ErrorResponse xmlns=...><Error><Type>Sender|Receiver</Type>
//     <Code/><Message/>...</Error><RequestId/></ErrorResponse>, text/xml.
//   - json: {"__type":"Code","Message":"..."} (the message member spelt as the
//     service's model spells it) plus fields, header x-amzn-ErrorType.
//   - rest-json: header x-amzn-ErrorType: Code, body {"message":"..."} plus
//     fields; header-bound members (Retry-After) as headers.
func (s *Service) EncodeError(w http.ResponseWriter, e APIError, requestID string) {
	if e == nil {
		e = &Error{Code: "InternalFailure", Message: "The request processing has failed because of an unknown error, exception or failure.", Status: http.StatusInternalServerError}
	}
	code, msg := e.ErrorCode(), e.ErrorMessage()
	sh := s.errorShape(code)
	status := 0
	if sh != nil {
		code = sh.ErrorCode
		status = sh.HTTPStatus
	}
	if status == 0 {
		if sc, ok := e.(HTTPStatusCoder); ok {
			status = sc.HTTPStatusCode()
		}
	}
	if status < 100 || status > 999 {
		status = http.StatusBadRequest
		if sh != nil && sh.Fault {
			status = http.StatusInternalServerError
		}
	}
	var fields map[string]any
	if f, ok := e.(ErrorFielder); ok {
		fields = f.ErrorFields()
	}
	hdr := http.Header{}
	var body []byte
	switch s.Protocol {
	case ProtocolQuery:
		body = s.queryError(sh, code, msg, status, fields, requestID)
	default:
		hdr[headerErrorType] = []string{code}
		body = s.jsonError(sh, code, msg, fields, hdr)
	}
	writeResponse(w, status, s.contentType(), requestID, hdr, body)
}

func (s *Service) queryError(sh *Shape, code, msg string, status int, fields map[string]any, requestID string) []byte {
	e := &xmlEnc{buf: make([]byte, 0, 384), types: &s.types}
	e.buf = append(e.buf, `<ErrorResponse xmlns="`...)
	e.buf = appendXMLText(e.buf, s.XMLNamespace)
	e.buf = append(e.buf, `">`...)
	e.open("Error", 1)
	typ := "Sender"
	switch {
	case sh != nil && sh.HTTPStatus != 0:
		if !sh.SenderFault {
			typ = "Receiver"
		}
	case sh != nil && sh.Fault, sh == nil && status >= 500:
		typ = "Receiver"
	}
	e.text("Type", typ, 2)
	e.text("Code", code, 2)
	e.text("Message", msg, 2)
	if len(fields) > 0 {
		mark := len(e.buf)
		if err := s.queryErrorFields(e, sh, fields); err != nil {
			e.buf = e.buf[:mark]
		}
	}
	e.close("Error", 1, true)
	e.text("RequestId", requestID, 1)
	e.close("ErrorResponse", 0, true)
	e.buf = append(e.buf, '\n')
	return e.buf
}

func (s *Service) queryErrorFields(e *xmlEnc, sh *Shape, fields map[string]any) error {
	obj := reflect.ValueOf(fields)
	if sh != nil {
		for _, m := range sh.Members {
			if strings.EqualFold(m.Name, "message") {
				continue
			}
			v, ok, err := lookup(e.types, obj, m)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := e.element(m.wireName(), m, m.Shape, v, 2); err != nil {
				return err
			}
		}
		return nil
	}
	es, err := entries(obj)
	if err != nil {
		return err
	}
	for _, en := range es {
		switch {
		case en.val.Kind() == reflect.Bool:
			e.text(en.key, strconv.FormatBool(en.val.Bool()), 2)
		case en.val.Kind() == reflect.String:
			e.text(en.key, en.val.String(), 2)
		default:
			if text, _, err := numberText(en.val, false); err == nil {
				e.text(en.key, text, 2)
			}
		}
	}
	return nil
}

func (s *Service) jsonError(sh *Shape, code, msg string, fields map[string]any, hdr http.Header) []byte {
	buf := make([]byte, 0, 128)
	buf = append(buf, '{')
	if s.Protocol == ProtocolJSON {
		buf = append(buf, `"__type":`...)
		buf = appendJSONString(buf, code)
		buf = append(buf, ',')
	}
	msgKey := s.messageM
	if sh != nil {
		for _, m := range sh.Members {
			if strings.EqualFold(m.Name, "message") {
				msgKey = m.wireName()
			}
		}
	}
	buf = appendJSONString(buf, msgKey)
	buf = append(buf, ':')
	buf = appendJSONString(buf, msg)
	mark := len(buf)
	if err := s.jsonErrorFields(&buf, sh, fields, hdr); err != nil {
		buf = buf[:mark]
	}
	return append(buf, '}')
}

func (s *Service) jsonErrorFields(buf *[]byte, sh *Shape, fields map[string]any, hdr http.Header) error {
	if len(fields) == 0 {
		return nil
	}
	if sh == nil {
		for _, k := range sortedKeys(fields) {
			if strings.EqualFold(k, "message") || fields[k] == nil {
				continue
			}
			raw, err := json.Marshal(fields[k])
			if err != nil {
				return err
			}
			*buf = append(*buf, ',')
			*buf = appendJSONString(*buf, k)
			*buf = append(*buf, ':')
			*buf = append(*buf, raw...)
		}
		return nil
	}
	e := &jsonEnc{buf: *buf, proto: s.Protocol, types: &s.types}
	obj := reflect.ValueOf(fields)
	for _, m := range sh.Members {
		if strings.EqualFold(m.Name, "message") {
			continue
		}
		v, ok, err := lookup(e.types, obj, m)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if m.Location == LocationHeader {
			text, err := scalarText(m, m.Shape, v, s.Protocol, LocationHeader)
			if err != nil {
				return err
			}
			hdr[m.wireName()] = []string{text}
			continue
		}
		e.buf = append(e.buf, ',')
		e.buf = appendJSONString(e.buf, m.wireName())
		e.buf = append(e.buf, ':')
		if err := e.value(m, m.Shape, v); err != nil {
			return err
		}
	}
	*buf = e.buf
	return nil
}
