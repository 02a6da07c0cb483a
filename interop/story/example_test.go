package story_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/seed-e2e06c4d/awsaccess"
)

// Point aws-sdk-go-v2 clients at a Cloud's handler: BaseEndpoint is the
// server's URL and the credentials are keys of the Cloud's world. Errors
// parse as each service's typed errors.
func Example() {
	cloud := awsaccess.New(awsaccess.Config{Seed: 1, PasswordHashIterations: 1})
	keys, err := cloud.Apply(awsaccess.DefaultWorld())
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(cloud.Handler())
	defer srv.Close()

	config := func(who string) aws.Config {
		for _, k := range keys {
			if k.Account+"/"+k.UserName == who {
				return aws.Config{
					Region:       "us-east-1",
					BaseEndpoint: aws.String(srv.URL),
					Credentials:  credentials.NewStaticCredentialsProvider(k.AccessKeyID, k.SecretAccessKey, ""),
					// See ownBody: a copy of each request body the SDK cannot close early.
					HTTPClient: &http.Client{Transport: ownBody{http.DefaultTransport}},
				}
			}
		}
		panic("no key for " + who)
	}
	ctx := context.Background()

	id, err := sts.NewFromConfig(config("111111111111/auditor")).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		panic(err)
	}
	fmt.Println(aws.ToString(id.Arn))

	// A member's developer may read Inspector but not the organization.
	_, err = organizations.NewFromConfig(config("333333333333/dev")).ListAccounts(ctx, &organizations.ListAccountsInput{})
	var denied *orgtypes.AccessDeniedException
	if errors.As(err, &denied) {
		fmt.Println(denied.ErrorCode()+":", denied.ErrorMessage())
	}
	// Output:
	// arn:aws:iam::111111111111:user/auditor
	// AccessDeniedException: User: arn:aws:iam::333333333333:user/dev is not authorized to perform: organizations:ListAccounts on resource: * because no identity-based policy allows the organizations:ListAccounts action
}
