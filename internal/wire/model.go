package wire

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

//go:embed models/*.json.gz
var modelFS embed.FS

// Protocol is an AWS wire protocol as named in the service models' metadata.
type Protocol string

// The protocols the embedded services speak.
const (
	ProtocolQuery    Protocol = "query"     // form-encoded request, XML response (iam, sts)
	ProtocolJSON     Protocol = "json"      // POST /, X-Amz-Target, JSON 1.1 (organizations, inspector)
	ProtocolRESTJSON Protocol = "rest-json" // HTTP method + path template, JSON body (inspector2)
)

// Shape types as the models name them.
const (
	TypeStructure = "structure"
	TypeList      = "list"
	TypeMap       = "map"
	TypeString    = "string"
	TypeInteger   = "integer"
	TypeLong      = "long"
	TypeFloat     = "float"
	TypeDouble    = "double"
	TypeBoolean   = "boolean"
	TypeTimestamp = "timestamp"
	TypeBlob      = "blob"
)

// Member locations (HTTP bindings) of the rest-json protocol. The empty
// location is the body.
const (
	LocationURI        = "uri"
	LocationQuery      = "querystring"
	LocationHeader     = "header"
	LocationHeaders    = "headers"
	LocationStatusCode = "statusCode"
)

// builtin lists the services whose models are embedded, by the name used in
// the SigV4 credential scope.
var builtin = [...]struct{ name, file string }{
	{"iam", "models/iam-2010-05-08.json.gz"},
	{"sts", "models/sts-2011-06-15.json.gz"},
	{"organizations", "models/organizations-2016-11-28.json.gz"},
	{"inspector", "models/inspector-2016-02-16.json.gz"},
	{"inspector2", "models/inspector2-2020-06-08.json.gz"},
}

// ErrUnknownService is returned by [Load] for a service whose model is not
// embedded, and by [Registry.ServiceForRequest] when a request names one.
var ErrUnknownService = errors.New("wire: unknown service")

// Names returns the names of the embedded services, in a fixed order: iam,
// sts, organizations, inspector, inspector2.
func Names() []string {
	out := make([]string, len(builtin))
	for i, b := range builtin {
		out[i] = b.name
	}
	return out
}

// Service is one AWS service as its model describes it: protocol, metadata,
// operations and shapes. A Service is immutable once loaded and safe for
// concurrent use; its Operations and Shapes must be treated as read-only.
type Service struct {
	Name         string   // name in the SigV4 scope and in [Load]: "iam", "inspector2", ...
	Protocol     Protocol // query, json or rest-json
	APIVersion   string   // "2010-05-08"
	SigningName  string   // SigV4 service name ("iam", "inspector2")
	TargetPrefix string   // X-Amz-Target prefix of json services ("AWSOrganizationsV20161128")
	JSONVersion  string   // "1.1" for json services
	XMLNamespace string   // query services' response namespace
	ServiceID    string   // "IAM", "Organizations", ...

	ops      map[string]*Operation
	opNames  []string
	shapes   map[string]*Shape
	errs     map[string]*Shape // by wire error code
	routes   []*route          // rest-json path templates
	static   map[string]*route // rest-json: method+" "+path for templates without labels
	messageM string            // "message" or "Message": how the service spells it
	valid    validationStyle
	types    typeCache // struct field tables of output types, filled on use
	plans    planCache // compiled JSON encoders, filled on use
	bufs     bufPool   // response buffers
}

// Operation is one API operation. Treat it as read-only.
type Operation struct {
	Name          string
	HTTPMethod    string // "POST" for query and json; the bound method for rest-json
	RequestURI    string // "/" or the rest-json path template ("/findings/list")
	ResponseCode  int    // success status, 200 unless the model says otherwise
	Input         *Shape // nil when the operation takes no input
	Output        *Shape // nil when the operation returns no output
	ResultWrapper string // query: the element inside <OpResponse> ("CreateUserResult")
	Errors        []*Shape
	Unsigned      bool // the model marks the operation as callable without SigV4
}

// Shape is one model shape. Treat it as read-only.
type Shape struct {
	Name      string
	Type      string
	Members   []*Member // structure members in model order
	Member    *Member   // list element
	Key       *Member   // map key
	Value     *Member   // map value
	Enum      []string
	Min, Max  *float64 // length of strings, blobs, lists and maps; value of numbers
	Pattern   string
	Sensitive bool
	Flattened bool
	Union     bool
	// TimestampFormat overrides the protocol's default format for a timestamp.
	TimestampFormat string

	// Error traits.
	Exception   bool
	Fault       bool   // a server-side error (Receiver)
	ErrorCode   string // wire code; the shape name unless the model says otherwise
	HTTPStatus  int    // 0 when the model does not say
	SenderFault bool

	byName  map[string]*Member
	byWire  map[string]*Member
	re      *regexp.Regexp // compiled Pattern, nil when absent or not expressible in RE2
	notPref string         // a leading (?!literal) lookahead of Pattern
	enumSet map[string]struct{}
}

// Member is a structure member, list element, map key or map value.
type Member struct {
	Name             string // the member name: key of decoded inputs, JSON name of outputs
	Shape            *Shape
	Location         string // "" (body), uri, querystring, header, headers, statusCode
	LocationName     string // wire name of bound members, XML/query element name, JSON key
	Flattened        bool
	TimestampFormat  string
	IdempotencyToken bool
	Required         bool
}

// wireName is the name of the member on the wire: its locationName if any.
func (m *Member) wireName() string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return m.Name
}

// MemberByName returns the structure member with the given model name.
func (s *Shape) MemberByName(name string) (*Member, bool) {
	m, ok := s.byName[name]
	return m, ok
}

// Operation returns the operation with the given name ("CreateUser").
func (s *Service) Operation(name string) (*Operation, bool) {
	op, ok := s.ops[name]
	return op, ok
}

// OperationNames returns the names of every operation, sorted.
func (s *Service) OperationNames() []string { return slices.Clone(s.opNames) }

// Shape returns the named shape of the model.
func (s *Service) Shape(name string) (*Shape, bool) {
	sh, ok := s.shapes[name]
	return sh, ok
}

// ErrorShape returns the modelled error shape with the given wire code
// ("NoSuchEntity" for iam's NoSuchEntityException, "AccessDeniedException" for
// organizations).
func (s *Service) ErrorShape(code string) (*Shape, bool) {
	sh, ok := s.errs[code]
	return sh, ok
}

// Registry holds every embedded service, loaded once. It is immutable and safe
// for concurrent use.
type Registry struct {
	services map[string]*Service
	ordered  []*Service
}

// LoadAll loads every embedded service model.
func LoadAll() (*Registry, error) {
	r := &Registry{services: make(map[string]*Service, len(builtin))}
	for _, b := range builtin {
		s, err := Load(b.name)
		if err != nil {
			return nil, err
		}
		r.services[b.name] = s
		r.ordered = append(r.ordered, s)
	}
	return r, nil
}

// Service returns the service registered under name ("iam", "inspector2").
func (r *Registry) Service(name string) (*Service, bool) {
	s, ok := r.services[name]
	return s, ok
}

// Services returns the services in the order of [Names].
func (r *Registry) Services() []*Service { return slices.Clone(r.ordered) }

// Load parses the embedded model of the named service ("iam", "sts",
// "organizations", "inspector", "inspector2"). Each call parses the model
// anew (a few milliseconds); keep the result, or use [LoadAll].
func Load(name string) (*Service, error) {
	for _, b := range builtin {
		if b.name != name {
			continue
		}
		f, err := modelFS.Open(b.file)
		if err != nil {
			return nil, fmt.Errorf("wire: open model %s: %w", name, err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("wire: model %s: %w", name, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("wire: model %s: %w", name, err)
		}
		return parseModel(name, raw)
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownService, name)
}

type rawModel struct {
	Metadata struct {
		APIVersion   string `json:"apiVersion"`
		Protocol     string `json:"protocol"`
		SigningName  string `json:"signingName"`
		Endpoint     string `json:"endpointPrefix"`
		TargetPrefix string `json:"targetPrefix"`
		JSONVersion  string `json:"jsonVersion"`
		XMLNamespace string `json:"xmlNamespace"`
		ServiceID    string `json:"serviceId"`
	} `json:"metadata"`
	Operations map[string]rawOperation `json:"operations"`
	Shapes     map[string]rawShape     `json:"shapes"`
}

type rawRef struct {
	Shape           string `json:"shape"`
	Location        string `json:"location"`
	LocationName    string `json:"locationName"`
	ResultWrapper   string `json:"resultWrapper"`
	Flattened       bool   `json:"flattened"`
	TimestampFormat string `json:"timestampFormat"`
	Idempotency     bool   `json:"idempotencyToken"`
}

type rawOperation struct {
	Name string `json:"name"`
	HTTP struct {
		Method       string `json:"method"`
		RequestURI   string `json:"requestUri"`
		ResponseCode int    `json:"responseCode"`
	} `json:"http"`
	Input    *rawRef  `json:"input"`
	Output   *rawRef  `json:"output"`
	Errors   []rawRef `json:"errors"`
	AuthType string   `json:"authtype"`
	Auth     []string `json:"auth"`
}

type rawShape struct {
	Type            string          `json:"type"`
	Members         json.RawMessage `json:"members"`
	Required        []string        `json:"required"`
	Member          *rawRef         `json:"member"`
	Key             *rawRef         `json:"key"`
	Value           *rawRef         `json:"value"`
	Enum            []string        `json:"enum"`
	Min             *float64        `json:"min"`
	Max             *float64        `json:"max"`
	Pattern         string          `json:"pattern"`
	Sensitive       bool            `json:"sensitive"`
	Flattened       bool            `json:"flattened"`
	Union           bool            `json:"union"`
	TimestampFormat string          `json:"timestampFormat"`
	Exception       bool            `json:"exception"`
	Fault           bool            `json:"fault"`
	Error           *struct {
		Code        string `json:"code"`
		Status      int    `json:"httpStatusCode"`
		SenderFault bool   `json:"senderFault"`
	} `json:"error"`
}

func parseModel(name string, data []byte) (*Service, error) {
	var m rawModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("wire: model %s: %w", name, err)
	}
	s := &Service{
		Name:         name,
		Protocol:     Protocol(m.Metadata.Protocol),
		APIVersion:   m.Metadata.APIVersion,
		SigningName:  m.Metadata.SigningName,
		TargetPrefix: m.Metadata.TargetPrefix,
		JSONVersion:  m.Metadata.JSONVersion,
		XMLNamespace: m.Metadata.XMLNamespace,
		ServiceID:    m.Metadata.ServiceID,
		ops:          make(map[string]*Operation, len(m.Operations)),
		shapes:       make(map[string]*Shape, len(m.Shapes)),
		errs:         make(map[string]*Shape),
	}
	if s.SigningName == "" {
		s.SigningName = m.Metadata.Endpoint
	}
	switch s.Protocol {
	case ProtocolQuery, ProtocolJSON, ProtocolRESTJSON:
	default:
		return nil, fmt.Errorf("wire: model %s: unsupported protocol %q", name, s.Protocol)
	}
	if s.Protocol == ProtocolJSON && s.JSONVersion == "" {
		s.JSONVersion = "1.0"
	}
	// First pass: allocate every shape so references can be resolved.
	for n := range m.Shapes {
		s.shapes[n] = &Shape{Name: n}
	}
	for n, rs := range m.Shapes {
		if err := s.fillShape(s.shapes[n], rs); err != nil {
			return nil, fmt.Errorf("wire: model %s: shape %s: %w", name, n, err)
		}
	}
	messages := map[string]int{}
	for _, sh := range s.shapes {
		if !sh.Exception {
			continue
		}
		s.errs[sh.ErrorCode] = sh
		for _, mem := range sh.Members {
			if strings.EqualFold(mem.Name, "message") {
				messages[mem.Name]++
			}
		}
	}
	s.messageM = "message"
	if messages["Message"] > messages["message"] {
		s.messageM = "Message"
	}
	for n, ro := range m.Operations {
		op := &Operation{
			Name:         n,
			HTTPMethod:   ro.HTTP.Method,
			RequestURI:   ro.HTTP.RequestURI,
			ResponseCode: ro.HTTP.ResponseCode,
			Unsigned:     ro.AuthType == "none" || slices.Contains(ro.Auth, "smithy.api#noAuth"),
		}
		if op.HTTPMethod == "" {
			op.HTTPMethod = "POST"
		}
		if op.RequestURI == "" {
			op.RequestURI = "/"
		}
		if op.ResponseCode == 0 {
			op.ResponseCode = 200
		}
		var err error
		if ro.Input != nil {
			if op.Input, err = s.ref(ro.Input.Shape); err != nil {
				return nil, fmt.Errorf("wire: model %s: operation %s: %w", name, n, err)
			}
		}
		if ro.Output != nil {
			if op.Output, err = s.ref(ro.Output.Shape); err != nil {
				return nil, fmt.Errorf("wire: model %s: operation %s: %w", name, n, err)
			}
			op.ResultWrapper = ro.Output.ResultWrapper
		}
		for _, e := range ro.Errors {
			es, err := s.ref(e.Shape)
			if err != nil {
				return nil, fmt.Errorf("wire: model %s: operation %s: %w", name, n, err)
			}
			op.Errors = append(op.Errors, es)
		}
		s.ops[n] = op
		s.opNames = append(s.opNames, n)
	}
	slices.Sort(s.opNames)
	if s.Protocol == ProtocolRESTJSON {
		if err := s.buildRoutes(); err != nil {
			return nil, fmt.Errorf("wire: model %s: %w", name, err)
		}
	}
	s.valid = validationStyleFor(name, s.Protocol)
	return s, nil
}

func (s *Service) ref(name string) (*Shape, error) {
	sh, ok := s.shapes[name]
	if !ok {
		return nil, fmt.Errorf("unknown shape %q", name)
	}
	return sh, nil
}

func (s *Service) member(name string, r *rawRef) (*Member, error) {
	sh, err := s.ref(r.Shape)
	if err != nil {
		return nil, err
	}
	return &Member{
		Name:             name,
		Shape:            sh,
		Location:         r.Location,
		LocationName:     r.LocationName,
		Flattened:        r.Flattened,
		TimestampFormat:  r.TimestampFormat,
		IdempotencyToken: r.Idempotency,
	}, nil
}

func (s *Service) fillShape(sh *Shape, rs rawShape) error {
	sh.Type = rs.Type
	sh.Enum = rs.Enum
	sh.Min, sh.Max = rs.Min, rs.Max
	sh.Pattern = rs.Pattern
	sh.Sensitive = rs.Sensitive
	sh.Flattened = rs.Flattened
	sh.Union = rs.Union
	sh.TimestampFormat = rs.TimestampFormat
	sh.Exception = rs.Exception
	sh.Fault = rs.Fault
	sh.ErrorCode = sh.Name
	if rs.Error != nil {
		if rs.Error.Code != "" {
			sh.ErrorCode = rs.Error.Code
		}
		sh.HTTPStatus = rs.Error.Status
		sh.SenderFault = rs.Error.SenderFault
	}
	if len(rs.Enum) > 0 {
		sh.enumSet = make(map[string]struct{}, len(rs.Enum))
		for _, e := range rs.Enum {
			sh.enumSet[e] = struct{}{}
		}
	}
	if rs.Pattern != "" {
		sh.re, sh.notPref = compilePattern(rs.Pattern)
	}
	var err error
	switch rs.Type {
	case TypeStructure:
		names, refs, err := orderedMembers(rs.Members)
		if err != nil {
			return err
		}
		sh.byName = make(map[string]*Member, len(names))
		sh.byWire = make(map[string]*Member, len(names))
		for i, n := range names {
			mem, err := s.member(n, &refs[i])
			if err != nil {
				return fmt.Errorf("member %s: %w", n, err)
			}
			mem.Required = slices.Contains(rs.Required, n)
			sh.Members = append(sh.Members, mem)
			sh.byName[n] = mem
			sh.byWire[mem.wireName()] = mem
		}
	case TypeList:
		if rs.Member == nil {
			return errors.New("list without member")
		}
		if sh.Member, err = s.member("member", rs.Member); err != nil {
			return err
		}
	case TypeMap:
		if rs.Key == nil || rs.Value == nil {
			return errors.New("map without key or value")
		}
		if sh.Key, err = s.member("key", rs.Key); err != nil {
			return err
		}
		if sh.Value, err = s.member("value", rs.Value); err != nil {
			return err
		}
	}
	return nil
}

// orderedMembers decodes a "members" object keeping the model's member order,
// which fixes the order of XML elements, JSON keys and validation messages.
func orderedMembers(raw json.RawMessage) ([]string, []rawRef, error) {
	if len(raw) == 0 {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("members: want an object")
	}
	var names []string
	var refs []rawRef
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		name, _ := t.(string)
		var r rawRef
		if err := dec.Decode(&r); err != nil {
			return nil, nil, fmt.Errorf("member %s: %w", name, err)
		}
		names = append(names, name)
		refs = append(refs, r)
	}
	return names, refs, nil
}
