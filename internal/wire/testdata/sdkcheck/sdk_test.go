// Package sdkcheck feeds the wire package's golden responses to the real
// aws-sdk-go-v2 clients of organizations (JSON 1.1) and inspector2
// (REST-JSON) and checks that they parse: typed outputs, typed errors with
// their modelled fields, generic smithy.APIError codes otherwise.
//
// It is a separate module so that the library never depends on the SDK; run
// it with WIRE_SDK_CHECK=1 go test ./internal/wire -run AWSSDK, or directly:
// cd internal/wire/testdata/sdkcheck && go test ./...
package sdkcheck

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/inspector2"
	i2types "github.com/aws/aws-sdk-go-v2/service/inspector2/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	otypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/smithy-go"
)

const requestID = "c0ffee00-0000-4000-8000-000000000001"

// fileClient answers every request with a golden response file.
type fileClient struct {
	t    *testing.T
	path string
}

func (c fileClient) Do(r *http.Request) (*http.Response, error) {
	raw, err := os.ReadFile(filepath.Join("..", c.path))
	if err != nil {
		c.t.Fatal(err)
	}
	return http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), r)
}

func orgs(t *testing.T, path string) *organizations.Client {
	return organizations.New(organizations.Options{
		Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
		HTTPClient: fileClient{t, path}, Retryer: aws.NopRetryer{},
	})
}

func insp2(t *testing.T, path string) *inspector2.Client {
	return inspector2.New(inspector2.Options{
		Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
		HTTPClient: fileClient{t, path}, Retryer: aws.NopRetryer{},
	})
}

type spec struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func readSpec(t *testing.T, path string) spec {
	raw, err := os.ReadFile(filepath.Join("..", path))
	if err != nil {
		t.Fatal(err)
	}
	var s spec
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkAPIError asserts the generic view every SDK error offers.
func checkAPIError(t *testing.T, err error, code, msg string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %T %v is not a smithy.APIError", err, err)
	}
	if apiErr.ErrorCode() != code {
		t.Errorf("code %q, want %q", apiErr.ErrorCode(), code)
	}
	if msg != "" && apiErr.ErrorMessage() != msg {
		t.Errorf("message %q, want %q", apiErr.ErrorMessage(), msg)
	}
	var re interface{ ServiceRequestID() string }
	if !errors.As(err, &re) || re.ServiceRequestID() != requestID {
		t.Errorf("request id not parsed from %v", err)
	}
}

func TestOrganizationsErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		file  string
		typed func(error) bool
	}{
		{"errors/organizations-access-denied", func(err error) bool {
			var e *otypes.AccessDeniedException
			return errors.As(err, &e)
		}},
		{"errors/organizations-constraint-violation", func(err error) bool {
			var e *otypes.ConstraintViolationException
			return errors.As(err, &e) && e.Reason == otypes.ConstraintViolationExceptionReasonMaxDelegatedAdministratorsForServiceLimitExceeded
		}},
		{"errors/organizations-too-many-requests", func(err error) bool {
			var e *otypes.TooManyRequestsException
			return errors.As(err, &e) && aws.ToString(e.Type) == "Throttling"
		}},
		{"errors/organizations-service-exception", func(err error) bool {
			var e *otypes.ServiceException
			return errors.As(err, &e) && e.ErrorFault() == smithy.FaultServer
		}},
		{"errors/organizations-unmodelled", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := readSpec(t, tt.file+".json")
			_, err := orgs(t, tt.file+".http").DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			checkAPIError(t, err, s.Code, s.Message)
			if tt.typed != nil && !tt.typed(err) {
				t.Errorf("not the typed error with its fields: %#v", err)
			}
		})
	}
}

func TestOrganizationsDecodeErrors(t *testing.T) {
	ctx := context.Background()
	_, err := orgs(t, "invalid/organizations-bad-account-id.response.http").
		RegisterDelegatedAdministrator(ctx, &organizations.RegisterDelegatedAdministratorInput{
			AccountId: aws.String("444455556666"), ServicePrincipal: aws.String("inspector2.amazonaws.com")})
	var iie *otypes.InvalidInputException
	if !errors.As(err, &iie) || iie.Reason != otypes.InvalidInputExceptionReasonInvalidPattern {
		t.Fatalf("bad account id: %#v", err)
	}
	for _, name := range []string{"organizations-unknown-target", "organizations-wrong-type", "organizations-malformed-json"} {
		s := readSpec(t, "invalid/"+name+".json")
		_, err := orgs(t, "invalid/"+name+".response.http").DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
		checkAPIError(t, err, s.Code, "")
	}
}

func TestOrganizationsOutputs(t *testing.T) {
	ctx := context.Background()
	out, err := orgs(t, "golden/organizations-describe-organization/response.http").
		DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	o := out.Organization
	if aws.ToString(o.Id) != "o-exampleorgid" || o.FeatureSet != otypes.OrganizationFeatureSetAll ||
		len(o.AvailablePolicyTypes) != 1 || o.AvailablePolicyTypes[0].Status != otypes.PolicyTypeStatusEnabled {
		t.Fatalf("organization %+v", o)
	}
	if _, err := orgs(t, "golden/organizations-register-delegated-administrator/response.http").
		RegisterDelegatedAdministrator(ctx, &organizations.RegisterDelegatedAdministratorInput{
			AccountId: aws.String("444455556666"), ServicePrincipal: aws.String("inspector2.amazonaws.com")}); err != nil {
		t.Fatal(err)
	}
}

func TestInspector2Errors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		file  string
		typed func(error) bool
	}{
		{"errors/inspector2-validation", func(err error) bool {
			var e *i2types.ValidationException
			return errors.As(err, &e) && e.Reason == i2types.ValidationExceptionReasonFieldValidationFailed &&
				len(e.Fields) == 1 && aws.ToString(e.Fields[0].Name) == "filterCriteria.severity"
		}},
		{"errors/inspector2-throttling", func(err error) bool {
			var e *i2types.ThrottlingException
			return errors.As(err, &e) && aws.ToInt32(e.RetryAfterSeconds) == 5
		}},
		{"errors/inspector2-internal", func(err error) bool {
			var e *i2types.InternalServerException
			return errors.As(err, &e) && aws.ToInt32(e.RetryAfterSeconds) == 1
		}},
		{"errors/inspector2-access-denied", nil},
		{"errors/inspector2-conflict", nil},
		{"invalid/inspector2-list-findings-invalid", func(err error) bool {
			var e *i2types.ValidationException
			return errors.As(err, &e) && len(e.Fields) == 3 && aws.ToString(e.Fields[0].Name) == "maxResults"
		}},
		{"invalid/inspector2-unknown-path", nil},
		{"invalid/inspector2-wrong-type", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := readSpec(t, tt.file+".json")
			resp := tt.file + ".http"
			if filepath.Dir(tt.file) == "invalid" {
				resp = tt.file + ".response.http"
			}
			_, err := insp2(t, resp).ListFindings(ctx, &inspector2.ListFindingsInput{})
			checkAPIError(t, err, s.Code, s.Message)
			if tt.typed != nil && !tt.typed(err) {
				t.Errorf("not the typed error with its fields: %#v", err)
			}
		})
	}
}

func TestInspector2Outputs(t *testing.T) {
	ctx := context.Background()
	out, err := insp2(t, "golden/inspector2-list-findings/response.http").ListFindings(ctx, &inspector2.ListFindingsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 || aws.ToString(out.NextToken) != "page-2" {
		t.Fatalf("output %+v", out)
	}
	f := out.Findings[0]
	want := time.Date(2026, 11, 23, 12, 30, 0, 500_000_000, time.UTC)
	if !aws.ToTime(f.LastObservedAt).Equal(want) || aws.ToFloat64(f.InspectorScore) != 9.8 ||
		f.Severity != i2types.SeverityCritical || f.Resources[0].Tags["env"] != "prod" ||
		f.PackageVulnerabilityDetails.VulnerablePackages[0].Epoch != 1 ||
		f.Resources[0].Details.AwsEc2Instance.LaunchedAt.IsZero() {
		t.Fatalf("finding %+v", f)
	}
	tags, err := insp2(t, "golden/inspector2-list-tags-for-resource/response.http").
		ListTagsForResource(ctx, &inspector2.ListTagsForResourceInput{ResourceArn: aws.String("arn:aws:inspector2:us-east-1:111122223333:owner/111122223333/filter/f-1")})
	if err != nil || tags.Tags["ticket"] != "SEC-1" {
		t.Fatalf("tags %+v %v", tags, err)
	}
	key, err := insp2(t, "golden/inspector2-get-encryption-key/response.http").
		GetEncryptionKey(ctx, &inspector2.GetEncryptionKeyInput{ScanType: i2types.ScanTypeCode, ResourceType: i2types.ResourceTypeAwsLambdaFunction})
	if err != nil || aws.ToString(key.KmsKeyId) == "" {
		t.Fatalf("key %+v %v", key, err)
	}
}
