package wire_test

// Test-only request serializers, written from botocore's serializers
// (botocore/serialize.py: QuerySerializer, JSONSerializer,
// RestJSONSerializer), used to state round-trip properties of the decoders:
// Decode(serialize(v)) == v.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

func wireName(m *wire.Member) string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return m.Name
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// isoTime formats like botocore's ISO8601 / ISO8601_MICRO.
func isoTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// epochSeconds formats like botocore's unix timestamps (float seconds).
func epochSeconds(t time.Time) json.Number {
	ms := t.Nanosecond() / int(time.Millisecond)
	if ms == 0 {
		return json.Number(strconv.FormatInt(t.Unix(), 10))
	}
	return json.Number(strconv.FormatFloat(float64(t.Unix())+float64(ms)/1000, 'f', -1, 64))
}

func scalarText(sh *wire.Shape, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return floatText(x)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return isoTime(x)
	case []byte:
		return base64.StdEncoding.EncodeToString(x)
	}
	panic(fmt.Sprintf("scalarText: %T for %s", v, sh.Type))
}

// serializeQuery flattens an input document as botocore's QuerySerializer.
func serializeQuery(svc *wire.Service, op *wire.Operation, in map[string]any) url.Values {
	out := url.Values{"Action": {op.Name}, "Version": {svc.APIVersion}}
	if op.Input != nil {
		queryStruct(out, op.Input, in, "")
	}
	return out
}

func queryStruct(out url.Values, sh *wire.Shape, v map[string]any, prefix string) {
	for _, m := range sh.Members {
		val, ok := v[m.Name]
		if !ok {
			continue
		}
		key := wireName(m)
		if prefix != "" {
			key = prefix + "." + key
		}
		queryValue(out, m, m.Shape, val, key)
	}
}

func queryValue(out url.Values, m *wire.Member, sh *wire.Shape, v any, key string) {
	switch sh.Type {
	case wire.TypeStructure:
		queryStruct(out, sh, v.(map[string]any), key)
	case wire.TypeList:
		list := v.([]any)
		if len(list) == 0 {
			out.Set(key, "")
			return
		}
		prefix := key + ".member"
		if sh.Member.LocationName != "" {
			prefix = key + "." + sh.Member.LocationName
		}
		if m.Flattened || sh.Flattened {
			prefix = key
		}
		for i, e := range list {
			queryValue(out, sh.Member, sh.Member.Shape, e, prefix+"."+strconv.Itoa(i+1))
		}
	case wire.TypeMap:
		prefix := key + ".entry"
		if m.Flattened || sh.Flattened {
			prefix = key
		}
		for i, k := range sortedKeys(v.(map[string]any)) {
			p := prefix + "." + strconv.Itoa(i+1)
			out.Set(p+".key", k)
			queryValue(out, sh.Value, sh.Value.Shape, v.(map[string]any)[k], p+".value")
		}
	default:
		out.Set(key, scalarText(sh, v))
	}
}

// jsonDoc turns an input document into the JSON botocore's JSONSerializer
// would send: wire names, epoch-second timestamps, base64 blobs. With
// bodyOnly, members bound to the URI, query string or headers are left out.
func jsonDoc(sh *wire.Shape, v any, bodyOnly bool) any {
	switch sh.Type {
	case wire.TypeStructure:
		obj := v.(map[string]any)
		out := map[string]any{}
		for _, m := range sh.Members {
			if bodyOnly && m.Location != "" {
				continue
			}
			if val, ok := obj[m.Name]; ok {
				out[wireName(m)] = jsonDoc(m.Shape, val, false)
			}
		}
		return out
	case wire.TypeList:
		list := v.([]any)
		out := make([]any, len(list))
		for i, e := range list {
			out[i] = jsonDoc(sh.Member.Shape, e, false)
		}
		return out
	case wire.TypeMap:
		obj := v.(map[string]any)
		out := map[string]any{}
		for k, e := range obj {
			out[k] = jsonDoc(sh.Value.Shape, e, false)
		}
		return out
	case wire.TypeTimestamp:
		return epochSeconds(v.(time.Time))
	case wire.TypeBlob:
		return base64.StdEncoding.EncodeToString(v.([]byte))
	case wire.TypeFloat, wire.TypeDouble:
		f := v.(float64)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return floatText(f)
		}
		return json.Number(floatText(f))
	}
	return v
}

// floatText writes a float as botocore does, non-finite values by name.
func floatText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// jsonRequest builds a JSON 1.1 request as botocore does.
func jsonRequest(svc *wire.Service, op *wire.Operation, in map[string]any) (*http.Request, []byte) {
	body := []byte("{}")
	if op.Input != nil {
		var err error
		if body, err = json.Marshal(jsonDoc(op.Input, in, false)); err != nil {
			panic(err)
		}
	}
	r, _ := http.NewRequest(http.MethodPost, "https://example.amazonaws.com/", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/x-amz-json-"+svc.JSONVersion)
	r.Header.Set("X-Amz-Target", svc.TargetPrefix+"."+op.Name)
	return r, body
}

// restRequest builds a REST-JSON request as botocore's RestJSONSerializer.
func restRequest(op *wire.Operation, in map[string]any) (*http.Request, []byte) {
	path := op.RequestURI
	query := url.Values{}
	hdr := http.Header{}
	hasBody := false
	if op.Input != nil {
		for _, m := range op.Input.Members {
			v, ok := in[m.Name]
			switch m.Location {
			case "":
				hasBody = hasBody || ok
			case wire.LocationURI:
				if ok {
					path = strings.Replace(path, "{"+wireName(m)+"}", url.PathEscape(scalarText(m.Shape, v)), 1)
				}
			case wire.LocationQuery:
				if !ok {
					continue
				}
				if m.Shape.Type == wire.TypeList {
					for _, e := range v.([]any) {
						query.Add(wireName(m), scalarText(m.Shape.Member.Shape, e))
					}
					continue
				}
				query.Set(wireName(m), scalarText(m.Shape, v))
			case wire.LocationHeader:
				if ok {
					hdr.Set(wireName(m), scalarText(m.Shape, v))
				}
			}
		}
	}
	var body []byte
	if op.Input != nil && (hasBody || op.HTTPMethod == http.MethodPost || op.HTTPMethod == http.MethodPut) {
		var err error
		body, err = json.Marshal(jsonDoc(op.Input, in, true))
		if err != nil {
			panic(err)
		}
	}
	target := path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	r, _ := http.NewRequest(op.HTTPMethod, "https://inspector2.us-east-1.amazonaws.com"+target, bytes.NewReader(body))
	r.Header = hdr
	r.Header.Set("Content-Type", "application/json")
	return r, body
}
