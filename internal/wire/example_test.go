package wire_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// A query-protocol call decoded, answered and rendered as AWS would.
func Example() {
	reg, err := wire.LoadAll()
	if err != nil {
		panic(err)
	}
	body := "Action=GetCallerIdentity&Version=2011-06-15"
	r := httptest.NewRequest(http.MethodPost, "https://sts.amazonaws.com/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00")

	svc, err := reg.ServiceForRequest(r, []byte(body))
	if err != nil {
		panic(err)
	}
	op, _, err := svc.Decode(r, []byte(body))
	if err != nil {
		panic(err)
	}
	type identity struct {
		UserID  string `json:"UserId"`
		Account string `json:"Account"`
		Arn     string `json:"Arn"`
	}
	w := httptest.NewRecorder()
	err = svc.EncodeResponse(w, op, identity{"AIDAEXAMPLE", "111122223333", "arn:aws:iam::111122223333:user/alice"}, "req-1")
	if err != nil {
		panic(err)
	}
	fmt.Println(svc.Name, op.Name, w.Code)
	fmt.Print(w.Body.String())
	// Output:
	// sts GetCallerIdentity 200
	// <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
	//   <GetCallerIdentityResult>
	//     <UserId>AIDAEXAMPLE</UserId>
	//     <Account>111122223333</Account>
	//     <Arn>arn:aws:iam::111122223333:user/alice</Arn>
	//   </GetCallerIdentityResult>
	//   <ResponseMetadata>
	//     <RequestId>req-1</RequestId>
	//   </ResponseMetadata>
	// </GetCallerIdentityResponse>
}

// Decoding validates the input against the model and fails with the
// service's own validation error.
func ExampleService_Decode() {
	svc, err := wire.Load("organizations")
	if err != nil {
		panic(err)
	}
	body := `{"AccountId":"444455556666","ServicePrincipal":"inspector2.amazonaws.com"}`
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128.RegisterDelegatedAdministrator")
	op, input, err := svc.Decode(r, []byte(body))
	fmt.Println(op.Name, input["AccountId"], err)

	bad := `{"AccountId":"12","ServicePrincipal":"inspector2.amazonaws.com"}`
	_, _, err = svc.Decode(r, []byte(bad))
	fmt.Println(err)
	// Output:
	// RegisterDelegatedAdministrator 444455556666 <nil>
	// InvalidInputException: You provided a value that does not match the required pattern.
}

// Errors are rendered as each protocol does; modelled fields ride along.
func ExampleService_EncodeError() {
	svc, err := wire.Load("organizations")
	if err != nil {
		panic(err)
	}
	w := httptest.NewRecorder()
	svc.EncodeError(w, &wire.Error{
		Code:    "ConstraintViolationException",
		Message: "You have exceeded the allowed number of delegated administrators for the delegated service.",
		Fields:  map[string]any{"Reason": "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"},
	}, "req-2")
	fmt.Println(w.Code, w.Header().Get("X-Amzn-ErrorType"))
	fmt.Println(w.Body.String())
	// Output:
	// 400 ConstraintViolationException
	// {"__type":"ConstraintViolationException","Message":"You have exceeded the allowed number of delegated administrators for the delegated service.","Reason":"MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"}
}
