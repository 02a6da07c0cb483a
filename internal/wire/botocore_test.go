package wire_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBotocoreParsesGoldenResponses hands every golden response and error to
// botocore's own clients (testdata/check_botocore.py): successes must parse to
// exactly the output given to the encoder, errors must raise ClientError with
// the expected code, message, status and modelled fields. The golden tests
// pin the files to the encoder's output, so this checks the encoder. Skipped
// when python3 or botocore is missing.
func TestBotocoreParsesGoldenResponses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts python3")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out, err := exec.Command(py, "testdata/check_botocore.py").CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 77 {
		t.Skip("botocore not installed")
	}
	if err != nil {
		t.Fatalf("botocore check failed: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(string(out)))
}

// TestAWSSDKGoV2ParsesGoldenResponses runs testdata/sdkcheck, a separate
// module that feeds the golden responses to the aws-sdk-go-v2 organizations
// and inspector2 clients and checks their typed outputs and errors
// (*types.ConstraintViolationException with Reason, *types.ValidationException
// with Fields, ThrottlingException with RetryAfterSeconds from Retry-After).
// It builds the SDK, so it runs only when WIRE_SDK_CHECK is set.
func TestAWSSDKGoV2ParsesGoldenResponses(t *testing.T) {
	if os.Getenv("WIRE_SDK_CHECK") == "" {
		t.Skip("set WIRE_SDK_CHECK=1 to build aws-sdk-go-v2 and run testdata/sdkcheck")
	}
	cmd := exec.Command("go", "test", "-count=1", "./...")
	cmd.Dir = "testdata/sdkcheck"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("aws-sdk-go-v2 check failed: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(string(out)))
}
