COPY "ferry_stage" FROM 's3://ferry-bucket/processing/run-0001.manifest' IAM_ROLE 'arn:aws:iam::123456789012:role/FerryCopy' FORMAT AS PARQUET ACCEPTINVCHARS MANIFEST
