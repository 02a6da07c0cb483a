package wire_test

import (
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// plainError implements only APIError.
type plainError struct{ code, msg string }

func (e plainError) ErrorCode() string    { return e.code }
func (e plainError) ErrorMessage() string { return e.msg }

func TestEncodeErrorStatusAndCode(t *testing.T) {
	tests := []struct {
		name       string
		service    string
		err        wire.APIError
		wantStatus int
		wantCode   string
		wantBody   string
	}{
		{"model status wins over the error's", "iam", &wire.Error{Code: "NoSuchEntity", Message: "m", Status: 400}, 404, "", ""},
		{"error's status when the model has none", "organizations", &wire.Error{Code: "AccessDeniedException", Message: "m", Status: 403}, 403, "AccessDeniedException", ""},
		{"client error defaults to 400", "organizations", plainError{"AccessDeniedException", "m"}, 400, "AccessDeniedException", ""},
		{"modelled fault defaults to 500", "organizations", plainError{"ServiceException", "m"}, 500, "ServiceException", ""},
		{"shape name becomes the wire code", "sts", plainError{"MalformedPolicyDocumentException", "m"}, 400, "", ""},
		{"nil error is an internal failure", "inspector2", nil, 500, "InternalFailure", ""},
		{"fields the shape lacks are dropped", "inspector2",
			&wire.Error{Code: "AccessDeniedException", Message: "m", Fields: map[string]any{"extra": 1}}, 403, "AccessDeniedException",
			`{"message":"m"}`},
		{"fields of the wrong type are dropped", "organizations",
			&wire.Error{Code: "InvalidInputException", Message: "m", Fields: map[string]any{"Reason": 7}}, 400, "InvalidInputException",
			`{"__type":"InvalidInputException","Message":"m"}`},
		{"unmodelled fields are kept", "inspector",
			&wire.Error{Code: "ThrottlingException", Message: "slow", Status: 400, Fields: map[string]any{"b": []int{1}, "a": true}}, 400, "ThrottlingException",
			`{"__type":"ThrottlingException","message":"slow","a":true,"b":[1]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			service(t, tt.service).EncodeError(w, tt.err, "rid")
			if w.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", w.Code, tt.wantStatus)
			}
			if tt.wantCode != "" && w.Header().Get("X-Amzn-Errortype") != tt.wantCode {
				t.Errorf("x-amzn-ErrorType %q, want %q", w.Header().Get("X-Amzn-Errortype"), tt.wantCode)
			}
			if tt.wantBody != "" {
				if diff := cmp.Diff(tt.wantBody, w.Body.String()); diff != "" {
					t.Errorf("body (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestEncodeErrorQueryXML(t *testing.T) {
	w := httptest.NewRecorder()
	service(t, "sts").EncodeError(w, &wire.Error{Code: "MalformedPolicyDocumentException", Message: "bad <policy>", Status: 400,
		Fields: map[string]any{"ignored": "modelled error without this member"}}, "rid")
	want := `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>MalformedPolicyDocument</Code>
    <Message>bad &lt;policy&gt;</Message>
  </Error>
  <RequestId>rid</RequestId>
</ErrorResponse>
`
	if diff := cmp.Diff(want, w.Body.String()); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}

	w = httptest.NewRecorder()
	service(t, "iam").EncodeError(w, &wire.Error{Code: "Throttling", Message: "Rate exceeded", Status: 503,
		Fields: map[string]any{"Retry": 2, "Hint": "later", "Nested": map[string]any{"dropped": true}}}, "rid")
	want = `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <Error>
    <Type>Receiver</Type>
    <Code>Throttling</Code>
    <Message>Rate exceeded</Message>
    <Hint>later</Hint>
    <Retry>2</Retry>
  </Error>
  <RequestId>rid</RequestId>
</ErrorResponse>
`
	if diff := cmp.Diff(want, w.Body.String()); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if w.Code != 503 {
		t.Fatalf("status %d", w.Code)
	}
}
