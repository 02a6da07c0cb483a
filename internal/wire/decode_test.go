package wire_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

func TestServiceForRequest(t *testing.T) {
	reg := registry(t)
	auth := func(scope string) string {
		return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope + ", SignedHeaders=host;x-amz-date, Signature=00"
	}
	tests := []struct {
		name    string
		req     func() *http.Request
		body    string
		want    string
		wantErr error
	}{
		{name: "iam scope", want: "iam", req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Authorization", auth("20261123/us-east-1/iam/aws4_request"))
			return r
		}},
		{name: "inspector classic scope", want: "inspector", req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Authorization", auth("20261123/eu-west-1/inspector/aws4_request"))
			r.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts") // the scope wins
			return r
		}},
		{name: "sigv4a scope has no region", want: "sts", req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Authorization", "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20261123/sts/aws4_request, SignedHeaders=host;x-amz-region-set, Signature=3045")
			return r
		}},
		{name: "presigned URL", want: "sts", req: func() *http.Request {
			return httptest.NewRequest("GET", "/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Signature=00", nil)
		}},
		{name: "unsigned web identity in the body", want: "sts", body: "Action=AssumeRoleWithWebIdentity&Version=2011-06-15", req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			return r
		}},
		{name: "unsigned SAML in the URL", want: "sts", req: func() *http.Request {
			return httptest.NewRequest("GET", "/?Action=AssumeRoleWithSAML&Version=2011-06-15", nil)
		}},
		{name: "unsigned signed-only action", wantErr: wire.ErrNoRoute, body: "Action=GetCallerIdentity&Version=2011-06-15", req: func() *http.Request {
			return httptest.NewRequest("POST", "/", nil)
		}},
		{name: "unsigned json call answered in its protocol", want: "organizations", req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
			return r
		}},
		{name: "unknown service in scope", wantErr: wire.ErrUnknownService, req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Authorization", auth("20261123/us-east-1/s3/aws4_request"))
			return r
		}},
		{name: "malformed credential", wantErr: wire.ErrNoRoute, req: func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/iam")
			return r
		}},
		{name: "nothing at all", wantErr: wire.ErrNoRoute, req: func() *http.Request {
			return httptest.NewRequest("GET", "/", nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, err := reg.ServiceForRequest(tt.req(), []byte(tt.body))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if svc.Name != tt.want {
				t.Fatalf("service %s, want %s", svc.Name, tt.want)
			}
		})
	}
}

func TestServiceMetadata(t *testing.T) {
	type meta struct {
		Protocol                                        wire.Protocol
		APIVersion, SigningName, TargetPrefix, XMLNS    string
		HasCreateUser, HasListFindings, UnsignedWebAuth bool
	}
	got := map[string]meta{}
	for _, s := range registry(t).Services() {
		_, cu := s.Operation("CreateUser")
		_, lf := s.Operation("ListFindings")
		web, ok := s.Operation("AssumeRoleWithWebIdentity")
		got[s.Name] = meta{s.Protocol, s.APIVersion, s.SigningName, s.TargetPrefix, s.XMLNamespace, cu, lf, ok && web.Unsigned}
	}
	want := map[string]meta{
		"iam":           {wire.ProtocolQuery, "2010-05-08", "iam", "", "https://iam.amazonaws.com/doc/2010-05-08/", true, false, false},
		"sts":           {wire.ProtocolQuery, "2011-06-15", "sts", "", "https://sts.amazonaws.com/doc/2011-06-15/", false, false, true},
		"organizations": {wire.ProtocolJSON, "2016-11-28", "organizations", "AWSOrganizationsV20161128", "", false, false, false},
		"inspector":     {wire.ProtocolJSON, "2016-02-16", "inspector", "InspectorService", "", false, true, false},
		"inspector2":    {wire.ProtocolRESTJSON, "2020-06-08", "inspector2", "", "", false, true, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("metadata (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wire.Names(), []string{"iam", "sts", "organizations", "inspector", "inspector2"}); diff != "" {
		t.Fatal(diff)
	}
	if _, err := wire.Load("s3"); !errors.Is(err, wire.ErrUnknownService) {
		t.Fatalf("Load(s3) = %v", err)
	}
	iam := service(t, "iam")
	names := iam.OperationNames()
	if len(names) != 176 || names[0] != "AcceptDelegationRequest" {
		t.Fatalf("iam operations: %d, first %s", len(names), names[0])
	}
	if sh, ok := iam.ErrorShape("NoSuchEntity"); !ok || sh.Name != "NoSuchEntityException" || sh.HTTPStatus != 404 {
		t.Fatalf("iam NoSuchEntity shape: %+v", sh)
	}
}

type decodeCase struct {
	name     string
	service  string
	method   string
	target   string // path (rest-json), X-Amz-Target (json)
	body     string
	wantOp   string
	want     map[string]any // checked when set
	wantCode string         // "" for success
	wantMsg  string         // substring of the error message
	fields   map[string]any // expected Error.Fields when set
}

func runDecodeCases(t *testing.T, cases []decodeCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			svc := service(t, tt.service)
			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			path := "/"
			if svc.Protocol != wire.ProtocolJSON && tt.target != "" {
				path = tt.target
			}
			r := httptest.NewRequest(method, path, strings.NewReader(tt.body))
			if svc.Protocol == wire.ProtocolJSON {
				r.Header.Set("X-Amz-Target", tt.target)
			}
			op, in, err := svc.Decode(r, []byte(tt.body))
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
			} else {
				var apiErr *wire.Error
				if !errors.As(err, &apiErr) || apiErr.Code != tt.wantCode || !strings.Contains(apiErr.Message, tt.wantMsg) {
					t.Fatalf("error %v, want %s containing %q", err, tt.wantCode, tt.wantMsg)
				}
				if tt.fields != nil {
					if diff := cmp.Diff(tt.fields, apiErr.Fields); diff != "" {
						t.Fatalf("fields (-want +got):\n%s", diff)
					}
				}
			}
			if tt.wantOp != "" && (op == nil || op.Name != tt.wantOp) {
				t.Fatalf("operation %v, want %s", op, tt.wantOp)
			}
			if tt.want != nil {
				if diff := cmp.Diff(tt.want, in); diff != "" {
					t.Fatalf("input (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestDecodeQuery(t *testing.T) {
	runDecodeCases(t, []decodeCase{
		{name: "types", service: "iam",
			body:   "Action=CreateServiceSpecificCredential&Version=2010-05-08&UserName=alice&ServiceName=codecommit.amazonaws.com&CredentialAgeDays=30",
			wantOp: "CreateServiceSpecificCredential",
			want:   map[string]any{"UserName": "alice", "ServiceName": "codecommit.amazonaws.com", "CredentialAgeDays": int64(30)}},
		{name: "booleans and empty lists", service: "iam",
			body:   "Action=UpdateAccountPasswordPolicy&Version=2010-05-08&RequireSymbols=true&RequireNumbers=FALSE&MinimumPasswordLength=14",
			wantOp: "UpdateAccountPasswordPolicy",
			want:   map[string]any{"RequireSymbols": true, "RequireNumbers": false, "MinimumPasswordLength": int64(14)}},
		{name: "empty list", service: "iam",
			body: "Action=UntagUser&Version=2010-05-08&UserName=a&TagKeys=",
			want: map[string]any{"UserName": "a", "TagKeys": []any{}}},
		{name: "list stops at the first gap", service: "iam",
			body:     "Action=UntagUser&Version=2010-05-08&UserName=a&TagKeys.member.1=x&TagKeys.member.3=z",
			wantCode: "", want: map[string]any{"UserName": "a", "TagKeys": []any{"x"}}},
		{name: "URL query and body merge", service: "sts", target: "/?Action=GetCallerIdentity",
			body:   "Version=2011-06-15",
			wantOp: "GetCallerIdentity", want: map[string]any{}},
		{name: "integer out of int32 range", service: "sts",
			body:     "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/r&RoleSessionName=s1&DurationSeconds=4294967296",
			wantCode: "MalformedQueryString", wantMsg: "not a valid integer"},
		{name: "bad boolean", service: "iam",
			body:     "Action=UpdateAccountPasswordPolicy&Version=2010-05-08&RequireSymbols=yes",
			wantCode: "MalformedQueryString", wantMsg: "not a valid boolean"},
		{name: "enum", service: "iam",
			body:     "Action=ListPolicies&Version=2010-05-08&Scope=Everything",
			wantCode: "ValidationError", wantMsg: "Value 'Everything' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"},
		{name: "sensitive value is not echoed", service: "iam",
			body:     "Action=ChangePassword&Version=2010-05-08&OldPassword=x&NewPassword=",
			wantCode: "ValidationError", wantMsg: "Value at 'newPassword' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "list length", service: "sts",
			body:     "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/r&RoleSessionName=s1&" + joinQuery("TransitiveTagKeys.member", 51),
			wantCode: "ValidationError", wantMsg: "at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{name: "lookahead dropped: weaker, never stricter", service: "iam",
			body: "Action=CreateAccountAlias&Version=2010-05-08&AccountAlias=my--alias", wantOp: "CreateAccountAlias"},
		{name: "account alias pattern", service: "iam",
			body:     "Action=CreateAccountAlias&Version=2010-05-08&AccountAlias=-bad",
			wantCode: "ValidationError", wantMsg: "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$"},
	})
}

func joinQuery(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteByte('&')
		}
		b.WriteString(prefix + "." + strconv.Itoa(i) + "=k" + strconv.Itoa(i))
	}
	return b.String()
}

func TestDecodeJSON(t *testing.T) {
	begin := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	runDecodeCases(t, []decodeCase{
		{name: "timestamps as epoch or ISO, nulls dropped", service: "inspector", target: "InspectorService.ListAssessmentRuns",
			body: `{"filter":{"startTimeRange":{"beginDate":1793491200,"endDate":"2026-11-01T00:00:00.250Z"},"namePattern":null},"maxResults":10}`,
			want: map[string]any{"filter": map[string]any{"startTimeRange": map[string]any{
				"beginDate": begin, "endDate": begin.Add(250 * time.Millisecond)}}, "maxResults": int64(10)}},
		{name: "empty body is an empty input", service: "organizations", target: "AWSOrganizationsV20161128.DescribeOrganization",
			body: "", want: map[string]any{}},
		{name: "unknown members ignored", service: "organizations", target: "AWSOrganizationsV20161128.ListAccounts",
			body: `{"Bogus":1,"MaxResults":5}`, want: map[string]any{"MaxResults": int64(5)}},
		{name: "integral float accepted as integer", service: "organizations", target: "AWSOrganizationsV20161128.ListAccounts",
			body: `{"MaxResults":5.0}`, want: map[string]any{"MaxResults": int64(5)}},
		{name: "fraction for integer", service: "organizations", target: "AWSOrganizationsV20161128.ListAccounts",
			body: `{"MaxResults":5.5}`, wantCode: "SerializationException", wantMsg: "NUMBER_VALUE 5.5 can not be converted to an Integer"},
		{name: "object for string", service: "organizations", target: "AWSOrganizationsV20161128.DescribeAccount",
			body: `{"AccountId":{}}`, wantCode: "SerializationException", wantMsg: "START_OBJECT can not be converted to a String"},
		{name: "array body", service: "organizations", target: "AWSOrganizationsV20161128.DescribeAccount",
			body: `[]`, wantCode: "SerializationException", wantMsg: "Start of structure or map expected"},
		{name: "trailing garbage", service: "organizations", target: "AWSOrganizationsV20161128.DescribeAccount",
			body: `{} {}`, wantCode: "SerializationException", wantMsg: "Unexpected content"},
		{name: "missing target", service: "organizations", target: "",
			body: `{}`, wantCode: "UnknownOperationException"},
		{name: "wrong prefix", service: "organizations", target: "InspectorService.ListFindings",
			body: `{}`, wantCode: "UnknownOperationException"},
		{name: "organizations reason for a too long value", service: "organizations", target: "AWSOrganizationsV20161128.CreateOrganizationalUnit",
			body:     `{"ParentId":"r-abcd","Name":"` + strings.Repeat("n", 129) + `"}`,
			wantCode: "InvalidInputException", fields: map[string]any{"Reason": "MAX_LENGTH_EXCEEDED"}},
		{name: "organizations reason for a bad list member", service: "organizations", target: "AWSOrganizationsV20161128.UntagResource",
			body:     `{"ResourceId":"111122223333","TagKeys":[""]}`,
			wantCode: "InvalidInputException", fields: map[string]any{"Reason": "INVALID_LIST_MEMBER"}},
		{name: "organizations enum", service: "organizations", target: "AWSOrganizationsV20161128.ListPolicies",
			body:     `{"Filter":"NOPE"}`,
			wantCode: "InvalidInputException", fields: map[string]any{"Reason": "INVALID_ENUM"}},
		{name: "inspector classic list count", service: "inspector", target: "InspectorService.ListAssessmentRuns",
			body:     `{"assessmentTemplateArns":[` + strings.TrimSuffix(strings.Repeat(`"arn:aws:inspector:us-east-1:111122223333:target/0-a/template/0-b",`, 51), ",") + `]}`,
			wantCode: "InvalidInputException", fields: map[string]any{"canRetry": false, "errorCode": "INVALID_NUMBER_OF_ASSESSMENT_TEMPLATE_ARNS"}},
		{name: "inspector classic name", service: "inspector", target: "InspectorService.CreateAssessmentTarget",
			body:     `{"assessmentTargetName":"` + strings.Repeat("n", 141) + `"}`,
			wantCode: "InvalidInputException", fields: map[string]any{"canRetry": false, "errorCode": "INVALID_ASSESSMENT_TARGET_NAME"}},
		{name: "inspector classic pagination token", service: "inspector", target: "InspectorService.ListAssessmentRuns",
			body:     `{"nextToken":""}`,
			wantCode: "InvalidInputException", fields: map[string]any{"canRetry": false, "errorCode": "INVALID_PAGINATION_TOKEN"}},
	})
}

func TestDecodeRESTJSON(t *testing.T) {
	arn := "arn:aws:inspector2:us-east-1:111122223333:owner/111122223333/filter/f-1"
	runDecodeCases(t, []decodeCase{
		{name: "label with escaped slashes", service: "inspector2", method: "GET",
			target: "/tags/arn%3Aaws%3Ainspector2%3Aus-east-1%3A111122223333%3Aowner%2F111122223333%2Ffilter%2Ff-1",
			wantOp: "ListTagsForResource", want: map[string]any{"resourceArn": arn}},
		{name: "query string members", service: "inspector2",
			target: "/codesecurity/integration/list?maxResults=5&nextToken=abc",
			wantOp: "ListCodeSecurityIntegrations", want: map[string]any{"maxResults": int64(5), "nextToken": "abc"}},
		{name: "query list and forbidden prefix", service: "inspector2", method: "DELETE",
			target:   "/tags/x?tagKeys=aws%3Aname&tagKeys=ok",
			wantCode: "ValidationException", wantMsg: "Value 'aws:name' at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!aws:)[a-zA-Z+-=._:/]+"},
		{name: "union with two members", service: "inspector2", target: "/findings/aggregation/list",
			body:     `{"aggregationType":"ACCOUNT","aggregationRequest":{"accountAggregation":{},"amiAggregation":{}}}`,
			wantCode: "ValidationException", wantMsg: "at 'aggregationRequest' failed to satisfy constraint: Member must have exactly one member set"},
		{name: "union with one member", service: "inspector2", target: "/findings/aggregation/list",
			body:   `{"aggregationType":"ACCOUNT","aggregationRequest":{"accountAggregation":{}}}`,
			wantOp: "ListFindingAggregations"},
		{name: "wrong method", service: "inspector2", method: "GET", target: "/findings/list",
			wantCode: "UnknownOperationException"},
		{name: "trailing slash", service: "inspector2", target: "/findings/list/",
			wantCode: "UnknownOperationException"},
		{name: "bad query integer", service: "inspector2",
			target:   "/codesecurity/integration/list?maxResults=five",
			wantCode: "SerializationException", wantMsg: "not a valid integer"},
	})
}
