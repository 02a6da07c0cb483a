package awsaccess_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// propertyWorld is an organization (management account, a member that is
// Inspector's delegated administrator, another member) with trusted access
// for Inspector and an IAM user without permissions, for the robustness
// property; the callers are the three root users and the user.
func propertyWorld(tb testing.TB) (*jsonWorld, []sigv4.Credentials) {
	w := newJSONWorld(tb, "none")
	w.account(jwMgmt, "management")
	w.account(jwAdmin, "security")
	w.account(jwMember, "workload")
	orgs := w.cloud.Organizations()
	if _, err := orgs.CreateOrganization(w.principal(w.keys[jwMgmt]), org.CreateOrganizationInput{}); err != nil {
		tb.Fatal(err)
	}
	for _, id := range []string{jwAdmin, jwMember} {
		inv, err := orgs.InviteAccountToOrganization(w.principal(w.keys[jwMgmt]), org.InviteAccountToOrganizationInput{
			Target: org.HandshakeParty{Id: id, Type: org.HandshakePartyTypeAccount}})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := orgs.AcceptHandshake(w.principal(w.keys[id]), org.AcceptHandshakeInput{HandshakeId: inv.Handshake.Id}); err != nil {
			tb.Fatal(err)
		}
	}
	if res := w.call("inspector2", "EnableDelegatedAdminAccount", w.keys[jwMgmt], `{"delegatedAdminAccountId":"`+jwAdmin+`"}`); res.Status != http.StatusOK {
		tb.Fatalf("EnableDelegatedAdminAccount: %s", res.Body)
	}
	if err := w.cloud.InspectorClassic().PutInstance(jwRegion, jwMember, classicInstance()); err != nil {
		tb.Fatal(err)
	}
	if _, err := w.cloud.Inspector().PutEC2Instance(jwRegion, jwMember, vulnerableInstance()); err != nil {
		tb.Fatal(err)
	}
	callers := []sigv4.Credentials{w.keys[jwMgmt], w.keys[jwAdmin], w.keys[jwMember], w.user(jwMember, "nobody", "")}
	return w, callers
}

// jsonProperty states the robustness of the JSON front end: whatever
// document of an operation's input shape any caller sends, in whatever
// state the world is, the answer is a JSON object; a success is 200, and
// an error is a 4xx whose code the client finds in x-amzn-ErrorType and
// the body (__type for JSON 1.1) and which the service's model declares.
// Nothing the services implement answers 5xx or NotImplemented.
func jsonProperty(w *jsonWorld, callers []sigv4.Credentials) func(*rapid.T) {
	type target struct {
		svc *wire.Service
		op  *wire.Operation
	}
	var targets []target
	for _, s := range jsonServices {
		svc, _ := w.reg.Service(s.name)
		for _, name := range implemented(svc, s.impl) {
			op, _ := svc.Operation(name)
			targets = append(targets, target{svc, op})
		}
	}
	return func(t *rapid.T) {
		for range rapid.IntRange(1, 5).Draw(t, "calls") {
			tg := rapid.SampledFrom(targets).Draw(t, "operation")
			creds := rapid.SampledFrom(callers).Draw(t, "caller")
			doc := map[string]any{}
			if tg.op.Input != nil {
				doc, _ = genShape(t, tg.op.Input, tg.op.Name, 0).(map[string]any)
			}
			body, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if rapid.IntRange(0, 19).Draw(t, "advance") == 0 {
				w.advance(org.CreateAccountDelay)
			}
			req, err := w.newRequest(tg.svc.Name, tg.op.Name, creds, string(body))
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			w.handler.ServeHTTP(rec, req)
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("%s %s %s: not a JSON object: %v\n%s", tg.svc.Name, tg.op.Name, body, err, rec.Body)
			}
			code := rec.Header().Get("X-Amzn-Errortype")
			switch {
			case rec.Code == http.StatusOK:
				if code != "" {
					t.Fatalf("%s %s: 200 with error type %s", tg.svc.Name, tg.op.Name, code)
				}
			case rec.Code >= 400 && rec.Code < 500:
				if _, ok := tg.svc.ErrorShape(code); !ok && code != "SerializationException" {
					t.Fatalf("%s %s %s: %d with unmodelled error %q\n%s", tg.svc.Name, tg.op.Name, body, rec.Code, code, rec.Body)
				}
				if tg.svc.Protocol == wire.ProtocolJSON && out["__type"] != code {
					t.Fatalf("%s %s: __type %v, header %s", tg.svc.Name, tg.op.Name, out["__type"], code)
				}
			default:
				t.Fatalf("%s %s %s: status %d (%s)\n%s", tg.svc.Name, tg.op.Name, body, rec.Code, code, rec.Body)
			}
		}
	}
}

func TestJSONServicesRobust(t *testing.T) {
	w, callers := propertyWorld(t)
	rapid.Check(t, jsonProperty(w, callers))
}

func FuzzJSONServicesRobust(f *testing.F) {
	w, callers := propertyWorld(f)
	f.Fuzz(rapid.MakeFuzz(jsonProperty(w, callers)))
}

// genStrings are the strings documents are drawn from besides an enum's
// values: ids of every kind the services parse, valid and not.
var genStrings = []string{
	"", "x", jwMgmt, jwAdmin, jwMember, jwOutside, "12345", "r-abcd", "ou-abcd-abcdefgh", "p-FullAWSAccess", "p-abcdefgh",
	"h-abcdefghij", "car-abcdefghij", "inspector2.amazonaws.com", "inspector.amazonaws.com", "nothing.example.com",
	"o-abcdefghij", "someone@example.com", "ACCOUNT", "EMAIL", "SERVICE_CONTROL_POLICY", "ACTIVE", "EQUALS", "SUPPRESS",
	`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`,
	"arn:aws:inspector:us-east-1:" + jwMember + ":target/0-AAAAAAAA",
	"arn:aws:inspector:us-east-1:" + jwMember + ":target/0-AAAAAAAA/template/0-BBBBBBBB",
	"arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7",
	"arn:aws:inspector2:us-east-1:" + jwAdmin + ":owner/" + jwAdmin + "/filter/0123456789abcdef",
	"arn:aws:iam::" + jwMember + ":role/inspector", "i-0123456789abcdef0", "CVE-2023-38545", "curl",
	strings.Repeat("a", 300),
}

// genShape draws a document of a shape: required members mostly present,
// others sometimes; lists and maps short; depth bounded.
func genShape(t *rapid.T, sh *wire.Shape, path string, depth int) any {
	switch sh.Type {
	case wire.TypeStructure:
		out := map[string]any{}
		if depth > 4 {
			return out
		}
		for _, m := range sh.Members {
			if m.Location == wire.LocationHeader || m.Location == wire.LocationHeaders {
				continue
			}
			p := 3
			if m.Required {
				p = 9
			}
			if rapid.IntRange(0, 9).Draw(t, path+"."+m.Name+"?") < p {
				out[m.Name] = genShape(t, m.Shape, path+"."+m.Name, depth+1)
			}
			if sh.Union && len(out) > 0 {
				break
			}
		}
		return out
	case wire.TypeList:
		n := 0
		if depth <= 4 {
			n = rapid.IntRange(0, 3).Draw(t, path+"#")
		}
		out := make([]any, n)
		for i := range out {
			out[i] = genShape(t, sh.Member.Shape, path+"[]", depth+1)
		}
		return out
	case wire.TypeMap:
		out := map[string]any{}
		if depth <= 4 {
			for range rapid.IntRange(0, 2).Draw(t, path+"#") {
				k, _ := genShape(t, sh.Key.Shape, path+"{k}", depth+1).(string)
				out[k] = genShape(t, sh.Value.Shape, path+"{}", depth+1)
			}
		}
		return out
	case wire.TypeString:
		if len(sh.Enum) > 0 && rapid.IntRange(0, 9).Draw(t, path+"~") > 0 {
			return rapid.SampledFrom(sh.Enum).Draw(t, path)
		}
		if rapid.Bool().Draw(t, path+"~") {
			return rapid.StringN(0, 12, -1).Draw(t, path)
		}
		return rapid.SampledFrom(genStrings).Draw(t, path)
	case wire.TypeInteger, wire.TypeLong:
		return rapid.SampledFrom([]int64{-1, 0, 1, 2, 5, 20, 100, 180, 3600, 1 << 31}).Draw(t, path)
	case wire.TypeFloat, wire.TypeDouble:
		return rapid.SampledFrom([]float64{-1, 0, 0.5, 7.5, 10, 1e9}).Draw(t, path)
	case wire.TypeBoolean:
		return rapid.Bool().Draw(t, path)
	case wire.TypeTimestamp:
		return rapid.SampledFrom([]int64{0, jsonEpoch.Unix() - 86400, jsonEpoch.Unix(), jsonEpoch.Unix() + 86400}).Draw(t, path)
	case wire.TypeBlob:
		return base64.StdEncoding.EncodeToString([]byte(rapid.StringN(0, 8, -1).Draw(t, path)))
	}
	return nil
}

// BenchmarkJSONServices measures one signed call through the Handler
// (signing, SigV4 verification, decoding, IAM evaluation, the service,
// encoding) per operation.
func BenchmarkJSONServices(b *testing.B) {
	w, _ := propertyWorld(b)
	for _, c := range []struct{ service, op, account, body string }{
		{"organizations", "DescribeOrganization", jwMember, `{}`},
		{"organizations", "ListAccounts", jwMgmt, `{"MaxResults":20}`},
		{"inspector2", "ListFindings", jwAdmin, `{"maxResults":10,"filterCriteria":{"findingStatus":[{"comparison":"EQUALS","value":"ACTIVE"}]}}`},
		{"inspector2", "CreateFilter-denied", jwMember, `{"name":"mute","action":"SUPPRESS","filterCriteria":{}}`},
		{"inspector", "ListRulesPackages", jwMember, `{}`},
	} {
		op, _, _ := strings.Cut(c.op, "-")
		b.Run(c.service+"/"+c.op, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req, err := w.newRequest(c.service, op, w.keys[c.account], c.body)
				if err != nil {
					b.Fatal(err)
				}
				rec := httptest.NewRecorder()
				w.handler.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
