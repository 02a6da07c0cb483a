package wire

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// route is a compiled rest-json path template ("/tags/{resourceArn}").
type route struct {
	op       *Operation
	method   string
	segs     []segment
	literals int
}

type segment struct {
	lit    string
	label  string // non-empty for {label} and {label+}
	greedy bool
}

func (s *Service) buildRoutes() error {
	s.static = map[string]*route{}
	for _, name := range s.opNames {
		op := s.ops[name]
		tmpl, _, _ := strings.Cut(op.RequestURI, "?")
		if !strings.HasPrefix(tmpl, "/") {
			return fmt.Errorf("operation %s: request URI %q does not start with /", name, op.RequestURI)
		}
		rt := &route{op: op, method: op.HTTPMethod}
		for _, part := range strings.Split(tmpl[1:], "/") {
			if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") {
				label := part[1 : len(part)-1]
				greedy := strings.HasSuffix(label, "+")
				rt.segs = append(rt.segs, segment{label: strings.TrimSuffix(label, "+"), greedy: greedy})
				continue
			}
			rt.segs = append(rt.segs, segment{lit: part})
			rt.literals++
		}
		if rt.literals == len(rt.segs) {
			key := op.HTTPMethod + " " + tmpl
			if other, dup := s.static[key]; dup {
				return fmt.Errorf("operations %s and %s share %s", other.op.Name, name, key)
			}
			s.static[key] = rt
			continue
		}
		s.routes = append(s.routes, rt)
	}
	// More literal segments first: /tags/list beats /tags/{resourceArn}.
	slices.SortStableFunc(s.routes, func(a, b *route) int { return b.literals - a.literals })
	return nil
}

// match finds the operation bound to method and escaped path, and the
// unescaped values of its labels.
func (s *Service) match(method, path string) (*Operation, map[string]string, bool) {
	if rt, ok := s.static[method+" "+path]; ok {
		return rt.op, nil, true
	}
	if !strings.HasPrefix(path, "/") {
		return nil, nil, false
	}
	parts := strings.Split(path[1:], "/")
	for _, rt := range s.routes {
		if rt.method != method {
			continue
		}
		if labels, ok := rt.bind(parts); ok {
			return rt.op, labels, true
		}
	}
	return nil, nil, false
}

func (rt *route) bind(parts []string) (map[string]string, bool) {
	var labels map[string]string
	for i, seg := range rt.segs {
		if i >= len(parts) {
			return nil, false
		}
		if seg.label == "" {
			if parts[i] != seg.lit {
				return nil, false
			}
			continue
		}
		raw := parts[i]
		if seg.greedy {
			raw = strings.Join(parts[i:], "/")
		}
		if raw == "" {
			return nil, false
		}
		v, err := url.PathUnescape(raw)
		if err != nil {
			return nil, false
		}
		if labels == nil {
			labels = map[string]string{}
		}
		labels[seg.label] = v
		if seg.greedy {
			return labels, true
		}
	}
	return labels, len(parts) == len(rt.segs)
}

// ErrNoRoute is returned by [Registry.ServiceForRequest] when a request
// carries no credential scope, no X-Amz-Target of a known service and no
// unsigned action.
var ErrNoRoute = errors.New("wire: request names no service")

// ServiceForRequest picks the service a request is for, in this order:
//
//  1. the service of the SigV4 credential scope, from the Authorization
//     header (AWS4-HMAC-SHA256 or SigV4a's AWS4-ECDSA-P256-SHA256) or the
//     X-Amz-Credential query parameter of a presigned URL;
//  2. for unsigned requests, the query Action (URL or form body) of an
//     operation the model marks as unsigned: sts AssumeRoleWithWebIdentity
//     and AssumeRoleWithSAML;
//  3. the X-Amz-Target prefix of a json service, so that an unsigned call can
//     at least be answered in its own protocol.
//
// It does not authenticate anything. body is the request body already read.
// Errors wrap [ErrUnknownService] (a scope naming a service not embedded) or
// are [ErrNoRoute].
func (reg *Registry) ServiceForRequest(r *http.Request, body []byte) (*Service, error) {
	if name, ok := ScopeService(r); ok {
		for _, s := range reg.ordered {
			if s.SigningName == name {
				return s, nil
			}
		}
		return nil, fmt.Errorf("%w %q in the credential scope", ErrUnknownService, name)
	}
	if action := formAction(r, body); action != "" {
		for _, s := range reg.ordered {
			if op, ok := s.ops[action]; ok && op.Unsigned && s.Protocol == ProtocolQuery {
				return s, nil
			}
		}
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		prefix, _, _ := strings.Cut(target, ".")
		for _, s := range reg.ordered {
			if s.TargetPrefix != "" && s.TargetPrefix == prefix {
				return s, nil
			}
		}
	}
	return nil, ErrNoRoute
}

// ScopeService returns the service named by the request's SigV4 credential
// scope (".../<region>/<service>/aws4_request"), from the Authorization header
// or a presigned URL's X-Amz-Credential.
func ScopeService(r *http.Request) (string, bool) {
	cred := ""
	if auth := r.Header.Get("Authorization"); auth != "" {
		_, params, ok := strings.Cut(auth, " ")
		if !ok {
			return "", false
		}
		for _, p := range strings.Split(params, ",") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "Credential="); ok {
				cred = v
				break
			}
		}
	} else if r.URL != nil {
		cred = r.URL.Query().Get("X-Amz-Credential")
	}
	parts := strings.Split(cred, "/")
	if len(parts) < 4 || parts[len(parts)-1] != "aws4_request" || parts[len(parts)-2] == "" {
		return "", false
	}
	return parts[len(parts)-2], true
}

// formAction returns the Action parameter of a query-protocol request.
func formAction(r *http.Request, body []byte) string {
	if r.URL != nil {
		if q, err := url.ParseQuery(r.URL.RawQuery); err == nil && q.Get("Action") != "" {
			return q.Get("Action")
		}
	}
	ct := r.Header.Get("Content-Type")
	if len(body) == 0 || ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return ""
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return ""
	}
	return form.Get("Action")
}
