module github.com/seed-e2e06c4d/awsaccess/interop

go 1.26

replace github.com/seed-e2e06c4d/awsaccess => ../

require (
	github.com/aws/aws-sdk-go-v2 v1.47.7
	github.com/seed-e2e06c4d/awsaccess v0.0.0-00010101000000-000000000000
	pgregory.net/rapid v1.3.0
)

require github.com/aws/smithy-go v1.28.8 // indirect
