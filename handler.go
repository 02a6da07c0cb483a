package awsaccess

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// call is one HTTP call being served.
type call struct {
	svc       *wire.Service
	op        *wire.Operation
	caller    *authz.Principal // nil for the unsigned STS calls
	identity  *authn.Identity  // nil for the unsigned STS calls
	region    string
	requestID string
	record    *callRecord
}

// opFunc serves one operation: it binds the decoded input, calls the
// service with the caller, and returns a value whose JSON form is the
// operation's output shape.
type opFunc func(c *Cloud, k *call, in map[string]any) (any, error)

// serviceOps are the operation tables of every service, by SigV4 service
// name. Each table lists, per operation, what it needs (see the api_*.go
// files).
func serviceOps() map[string]map[string]opFunc {
	return map[string]map[string]opFunc{
		"sts":           stsOps,
		"iam":           iamOps,
		"organizations": organizationsOps,
		"inspector2":    inspector2Ops,
		"inspector":     inspectorOps,
	}
}

var (
	registryOnce sync.Once
	registry     *wire.Registry
	registryErr  error
)

func loadRegistry() (*wire.Registry, error) {
	registryOnce.Do(func() { registry, registryErr = wire.LoadAll() })
	return registry, registryErr
}

// Handler returns the HTTP front end: the AWS wire protocols of iam and sts
// (query), organizations and Inspector Classic (JSON 1.1) and inspector2
// (REST-JSON), routed by the SigV4 credential scope. Every request is
// verified (SigV4 or SigV4a) except the calls AWS leaves unsigned
// (AssumeRoleWithWebIdentity, AssumeRoleWithSAML); the caller is the
// principal of the signing key, and every operation is authorised through
// [Cloud.Authorize] before it runs. Errors are rendered in each protocol's
// shape with AWS's codes and HTTP statuses. Mount it anywhere, e.g. in
// httptest.NewServer; it is safe for concurrent use.
func (c *Cloud) Handler() http.Handler {
	reg, err := loadRegistry()
	return &handler{c: c, reg: reg, regErr: err, ops: serviceOps()}
}

type handler struct {
	c      *Cloud
	reg    *wire.Registry
	regErr error
	ops    map[string]map[string]opFunc
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := h.c
	c.gate.RLock()
	defer c.gate.RUnlock()
	start := c.now()
	requestID := c.requestID()
	rec := &callRecord{event: AuditEvent{Time: start, RequestID: requestID, SourceIP: sourceIP(r), UserAgent: r.UserAgent()}}
	defer func() {
		c.audit.Append(rec.event)
		if c.cfg.Logger != nil {
			c.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "call",
				slog.String("requestId", requestID), slog.String("service", rec.event.EventSource),
				slog.String("operation", rec.event.EventName), slog.String("principal", rec.event.Principal),
				slog.String("sourceIp", rec.event.SourceIP), slog.String("error", rec.event.ErrorCode),
				slog.Int("decisions", len(rec.event.Decisions)), slog.Duration("elapsed", time.Since(start)))
		}
	}()
	if h.regErr != nil {
		http.Error(w, "service models unavailable: "+h.regErr.Error(), http.StatusInternalServerError)
		rec.event.ErrorCode = "InternalFailure"
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, c.cfg.MaxBodyBytes+1))
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		rec.event.ErrorCode = "BadRequest"
		return
	}
	svc, err := h.reg.ServiceForRequest(r, body)
	if err != nil && r.Header.Get("Authorization") == "" && r.URL.Query().Get("X-Amz-Credential") == "" {
		// Nothing names the service: an unsigned call, answered as the
		// query services answer it.
		rec.event.ErrorCode = "MissingAuthenticationToken"
		writePlainError(w, http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token", requestID)
		return
	}
	if err != nil {
		rec.event.ErrorCode = "UnknownService"
		writePlainError(w, http.StatusBadRequest, "UnknownService", "The request does not name a service awsaccess serves: "+err.Error(), requestID)
		return
	}
	rec.event.EventSource = svc.SigningName + ".amazonaws.com"
	fail := func(e wire.APIError) {
		rec.event.ErrorCode, rec.event.ErrorMessage = e.ErrorCode(), e.ErrorMessage()
		svc.EncodeError(w, e, requestID)
	}
	if int64(len(body)) > c.cfg.MaxBodyBytes {
		fail(&wire.Error{Code: "RequestEntityTooLarge", Message: fmt.Sprintf("Request body must be at most %d bytes.", c.cfg.MaxBodyBytes), Status: http.StatusRequestEntityTooLarge})
		return
	}
	op, input, err := svc.Decode(r, body)
	if err != nil {
		fail(apiError(svc, err))
		return
	}
	rec.event.EventName = op.Name
	k := &call{svc: svc, op: op, requestID: requestID, record: rec, region: "us-east-1"}
	if !op.Unsigned || r.Header.Get("Authorization") != "" || r.URL.Query().Get("X-Amz-Credential") != "" {
		res, err := c.verifier.Verify(r, body, c.now())
		if err != nil {
			code, status := sigv4.ErrorCode(err, string(svc.Protocol))
			fail(&wire.Error{Code: code, Message: signatureMessage(err), Status: status})
			return
		}
		id, err := c.dir.Resolve(res.AccessKeyID)
		if err != nil {
			fail(apiError(svc, err))
			return
		}
		caller := id.Principal
		caller.Environment = environment(r, res.Region, c.now())
		k.caller, k.identity = &caller, id
		if res.Region != "" && res.Algorithm == "AWS4-HMAC-SHA256" {
			k.region = res.Region
		}
		rec.event.Principal = principalName(&caller)
		rec.event.Account = caller.Account
		rec.event.AccessKeyID = caller.AccessKeyID
		c.calls.Store(caller.Environment, rec)
		defer c.calls.Delete(caller.Environment)
	}
	rec.event.Region = k.region
	fn := h.ops[svc.Name][op.Name]
	if fn == nil {
		fail(&wire.Error{Code: "NotImplemented", Message: fmt.Sprintf("awsaccess does not implement %s:%s.", svc.SigningName, op.Name), Status: http.StatusNotImplemented})
		return
	}
	out, err := fn(c, k, input)
	if err != nil {
		fail(apiError(svc, err))
		return
	}
	if err := svc.EncodeResponse(w, op, out, requestID); err != nil {
		rec.event.ErrorCode, rec.event.ErrorMessage = "InternalFailure", err.Error()
		// Nothing has been written when encoding fails.
		svc.EncodeError(w, &wire.Error{Code: internalCode(svc), Message: "awsaccess could not encode the response: " + err.Error(), Status: http.StatusInternalServerError}, requestID)
	}
}

// environment returns the request-scoped condition keys of an HTTP call.
func environment(r *http.Request, region string, now time.Time) *authz.Context {
	ctx := authz.NewContext().
		Set("aws:CurrentTime", now.UTC().Format(time.RFC3339)).
		Set("aws:EpochTime", strconv.FormatInt(now.Unix(), 10)).
		Set("aws:SecureTransport", strconv.FormatBool(r.TLS != nil)).
		Set("aws:ViaAWSService", "false")
	if ip := sourceIP(r); ip != "" {
		ctx.Set("aws:SourceIp", ip)
	}
	if ua := r.UserAgent(); ua != "" {
		ctx.Set("aws:UserAgent", ua)
	}
	if region != "" {
		ctx.Set("aws:RequestedRegion", region)
	}
	return ctx
}

func sourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// signatureMessage is the message of a signature failure; sigv4's messages
// never hold a secret.
func signatureMessage(err error) string {
	var e interface{ ErrorMessage() string }
	if errors.As(err, &e) {
		return e.ErrorMessage()
	}
	return err.Error()
}

// apiError turns any error into what the wire layer renders: the service
// errors carry their AWS code; authz denials become the protocol's
// AccessDenied; anything else is an internal failure.
func apiError(svc *wire.Service, err error) wire.APIError {
	var ae *authz.Error
	if errors.As(err, &ae) && errors.Is(err, authz.ErrAccessDenied) {
		code := "AccessDenied"
		if svc.Protocol != wire.ProtocolQuery {
			code = "AccessDeniedException"
		}
		return &wire.Error{Code: code, Message: ae.Message, Status: http.StatusForbidden}
	}
	var we wire.APIError
	if errors.As(err, &we) {
		return we
	}
	return &wire.Error{Code: internalCode(svc), Message: err.Error(), Status: http.StatusInternalServerError}
}

func internalCode(svc *wire.Service) string {
	switch svc.Name {
	case "inspector2":
		return "InternalServerException"
	case "organizations":
		return "ServiceException"
	case "inspector":
		return "InternalException"
	}
	return "ServiceFailure"
}

func writePlainError(w http.ResponseWriter, status int, code, msg, requestID string) {
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(status)
	fmt.Fprintf(w, "<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>", code, xmlEscape(msg), requestID)
}

func xmlEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}
