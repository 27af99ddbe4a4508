<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AppInfo</name>
    <message>
        <source>loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Keras Trainer</source>
        <translation>Keras Trainer</translation>
    </message>
    <message>
        <source>Trains Keras image classifiers without code.</source>
        <translation>코드 없이 Keras 이미지 분류 모델을 훈련합니다.</translation>
    </message>
    <message>
        <source>Choose a dataset and the model and training settings.</source>
        <translation>데이터셋과 모델, 훈련 설정을 고릅니다.</translation>
    </message>
    <message>
        <source>Press Train (Ctrl+Return) and watch the curves grow.</source>
        <translation>훈련(Ctrl+Return)을 누르고 곡선이 자라는 것을 지켜봅니다.</translation>
    </message>
    <message>
        <source>Press Stop (Esc) to end the run after the current batch.</source>
        <translation>중지(Esc)를 누르면 현재 배치가 끝난 뒤 훈련을 멈춥니다.</translation>
    </message>
    <message>
        <source>Evaluate the model on the validation and test sets.</source>
        <translation>검증 세트와 테스트 세트로 모델을 평가합니다.</translation>
    </message>
    <message>
        <source>Save the model (Ctrl+S) or load one (Ctrl+O).</source>
        <translation>모델을 저장(Ctrl+S)하거나 불러옵니다(Ctrl+O).</translation>
    </message>
    <message>
        <source>Export the figure (Ctrl+E) or the run as a Python script.</source>
        <translation>그림(Ctrl+E)이나 훈련 과정을 Python 스크립트로 내보냅니다.</translation>
    </message>
    <message>
        <source>Hover over any field for what it does. Settings are remembered between starts; Settings &gt; Reset to defaults restores them.</source>
        <translation>각 항목에 마우스를 올리면 설명이 나옵니다. 설정은 다음 실행 때도 유지되며, 설정 &gt; 기본값으로 되돌리기로 초기화할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Rank</source>
        <translation>순위</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>최고</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>최고 에포크</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>마지막</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Setting to compare</source>
        <translation>비교할 설정</translation>
    </message>
    <message>
        <source>The one setting that differs between the runs; all others come from the form.</source>
        <translation>실행마다 달라지는 설정 하나입니다. 나머지 설정은 모두 설정 양식에서 가져옵니다.</translation>
    </message>
    <message>
        <source>Values to compare</source>
        <translation>비교할 값</translation>
    </message>
    <message>
        <source>Two or more values separated by commas. Each run trains a new model with the same seed.</source>
        <translation>쉼표로 구분한 값 두 개 이상입니다. 실행마다 같은 랜덤 시드로 새 모델을 훈련합니다.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Train one run per value, one after another, and rank them.</source>
        <translation>값마다 한 번씩 차례로 훈련하고 순위를 매깁니다.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop comparison</source>
        <translation>비교 중지</translation>
    </message>
    <message>
        <source>Stop the current run after its current batch and skip the rest.</source>
        <translation>현재 실행을 현재 배치가 끝나면 멈추고 나머지 실행은 건너뜁니다.</translation>
    </message>
    <message>
        <source>Comparison progress</source>
        <translation>비교 진행률</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Choose values and press Compare</source>
        <translation>값을 고르고 비교를 누르세요</translation>
    </message>
    <message>
        <source>Comparison ranking</source>
        <translation>비교 순위</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Fix the settings form first: {error}</source>
        <translation>먼저 설정 양식을 고치세요: {error}</translation>
    </message>
    <message>
        <source>{count} runs, one after another: {labels}. Every other setting comes from the form (seed {seed}).</source>
        <translation>{count}번 차례로 실행합니다: {labels}. 나머지 설정은 모두 설정 양식에서 가져옵니다(랜덤 시드 {seed}).</translation>
    </message>
    <message>
        <source>The validation fraction is 0, so training metrics rank the runs.</source>
        <translation>검증 비율이 0이므로 훈련 지표로 순위를 매깁니다.</translation>
    </message>
    <message>
        <source>Wait for the current task to finish, or press Stop.</source>
        <translation>현재 작업이 끝나기를 기다리거나 중지를 누르세요.</translation>
    </message>
    <message>
        <source>Comparing {setting}</source>
        <translation>{setting} 비교</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>for example {values}</source>
        <translation>예: {values}</translation>
    </message>
    <message>
        <source>Run {number} of {count}: {label}</source>
        <translation>실행 {number}/{count}: {label}</translation>
    </message>
    <message>
        <source>Run {number} of {count} ({label}): epoch {epoch}/{epochs}</source>
        <translation>실행 {number}/{count} ({label}): 에포크 {epoch}/{epochs}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>The comparison failed: {error}</source>
        <translation>비교에 실패했습니다: {error}</translation>
    </message>
    <message>
        <source>Stopped: {done} of {count} runs complete</source>
        <translation>멈춤: 실행 {count}번 중 {done}번 완료</translation>
    </message>
    <message>
        <source>Done: {count} runs</source>
        <translation>완료: 실행 {count}번</translation>
    </message>
    <message>
        <source>Best {metric}</source>
        <translation>최고 {metric}</translation>
    </message>
    <message>
        <source>Last {metric}</source>
        <translation>마지막 {metric}</translation>
    </message>
    <message>
        <source>(stopped)</source>
        <translation>(멈춤)</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>diverged (NaN loss)</source>
        <translation>발산 (NaN 손실)</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>실행 안 함</translation>
    </message>
    <message>
        <source>No run has validation data, so the runs are ranked by {training} instead of {validation}.</source>
        <translation>검증 데이터가 있는 실행이 없어 {validation} 대신 {training}(으)로 순위를 매깁니다.</translation>
    </message>
</context>
<context>
    <name>ComparePlot</name>
    <message>
        <source>Validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>훈련 손실</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>훈련 정확도</translation>
    </message>
    <message>
        <source>Runs appear here as they train</source>
        <translation>훈련하는 실행이 여기에 나타납니다</translation>
    </message>
    <message>
        <source>Overlaid run curves</source>
        <translation>겹쳐 그린 실행 곡선</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Metric shown</source>
        <translation>표시할 지표</translation>
    </message>
    <message>
        <source>Metric drawn for every run.</source>
        <translation>모든 실행에 대해 그릴 지표입니다.</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>지표</translation>
    </message>
</context>
<context>
    <name>EngineConfig</name>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>훈련</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>성능</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>콜백</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Images to train on. Fashion-MNIST and MNIST come from the Keras cache (downloaded once when online) or from the data folder; Digits ships with scikit-learn and always works offline; IDX folder reads any four IDX files.</source>
        <translation>훈련에 쓸 이미지입니다. Fashion-MNIST와 MNIST는 Keras 캐시(온라인일 때 한 번 내려받음)나 데이터 폴더에서 읽습니다. Digits는 scikit-learn에 들어 있어 오프라인에서도 항상 동작합니다. IDX 폴더는 임의의 IDX 파일 네 개를 읽습니다.</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Digits (scikit-learn, offline)</source>
        <translation>Digits (scikit-learn, 오프라인)</translation>
    </message>
    <message>
        <source>IDX folder</source>
        <translation>IDX 폴더</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <source>Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may end in .gz). Empty means the Keras cache.</source>
        <translation>train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte 파일(.gz도 가능)이 있는 폴더입니다. 비워 두면 Keras 캐시를 씁니다.</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>검증 비율</translation>
    </message>
    <message>
        <source>Share of the training images held out to validate each epoch, split with scikit-learn&apos;s train_test_split. 0 trains on all of them and reports no validation metrics.</source>
        <translation>에포크마다 검증에 쓰려고 떼어 두는 훈련 이미지의 비율이며, scikit-learn의 train_test_split으로 나눕니다. 0이면 모든 이미지로 훈련하고 검증 지표를 보고하지 않습니다.</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>은닉 유닛 수</translation>
    </message>
    <message>
        <source>Neurons in the hidden Dense layer. More units can learn more, and overfit sooner.</source>
        <translation>은닉 밀집층의 뉴런 수입니다. 많을수록 더 많이 학습하지만 더 빨리 과대적합됩니다.</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>Function applied to the hidden layer&apos;s outputs. ReLU is the usual choice for this model.</source>
        <translation>은닉층 출력에 적용하는 함수입니다. 이 모델에는 보통 ReLU를 씁니다.</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>시그모이드</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>SELU</source>
        <translation>SELU</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>SiLU (swish)</source>
        <translation>SiLU (swish)</translation>
    </message>
    <message>
        <source>Softplus</source>
        <translation>소프트플러스</translation>
    </message>
    <message>
        <source>Linear (none)</source>
        <translation>선형 (없음)</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>Share of hidden outputs set to zero at random in each training step, to curb overfitting. 0 leaves the Dropout layer out.</source>
        <translation>과대적합을 줄이려고 훈련 단계마다 무작위로 0으로 만드는 은닉 출력의 비율입니다. 0이면 드롭아웃 층을 넣지 않습니다.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Rule that updates the weights from the gradients. RMSprop is the Keras default for compile(); Adam usually converges faster.</source>
        <translation>그레이디언트로 가중치를 갱신하는 규칙입니다. RMSprop은 Keras compile()의 기본값이고, Adam은 보통 더 빨리 수렴합니다.</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Nadam</source>
        <translation>Nadam</translation>
    </message>
    <message>
        <source>Adamax</source>
        <translation>Adamax</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <source>Lion</source>
        <translation>Lion</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Step size of each weight update. Too large diverges, too small learns slowly; 0.001 is the Keras default for these optimizers.</source>
        <translation>가중치를 한 번 갱신할 때의 보폭입니다. 너무 크면 발산하고 너무 작으면 느리게 학습합니다. 이 옵티마이저들의 Keras 기본값은 0.001입니다.</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Passes over the training images. Each epoch adds one point to every curve.</source>
        <translation>훈련 이미지를 몇 번 반복할지 정합니다. 에포크마다 각 곡선에 점이 하나씩 더해집니다.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Images per weight update. Larger batches run faster per epoch and make fewer updates.</source>
        <translation>가중치를 한 번 갱신할 때 쓰는 이미지 수입니다. 배치가 크면 에포크당 빨리 끝나지만 갱신 횟수는 줄어듭니다.</translation>
    </message>
    <message>
        <source>TensorBoard folder</source>
        <translation>TensorBoard 폴더</translation>
    </message>
    <message>
        <source>Folder for TensorBoard event files; each run writes a new subfolder. Empty writes none. Open them with: tensorboard --logdir FOLDER.</source>
        <translation>TensorBoard 이벤트 파일을 쓸 폴더입니다. 훈련할 때마다 새 하위 폴더가 생깁니다. 비워 두면 쓰지 않습니다. 보려면: tensorboard --logdir 폴더</translation>
    </message>
    <message>
        <source>Fast mode</source>
        <translation>빠른 모드</translation>
    </message>
    <message>
        <source>Same model, mathematics and numbers with less overhead: images stay uint8 and are scaled on the fly in a tf.data pipeline with prefetching, and Keras runs 32 batches per call (one with the Mirrored strategy), so progress and Stop react once per 32 batches.</source>
        <translation>모델, 계산, 결과 수치는 같고 부가 비용만 줄입니다. 이미지는 uint8로 두고 프리페치하는 tf.data 파이프라인에서 그때그때 스케일을 조정하며, Keras가 호출 한 번에 배치 32개(Mirrored 전략에서는 1개)를 실행하므로 진행률과 중지는 배치 32개마다 한 번 반응합니다.</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>분산</translation>
    </message>
    <message>
        <source>Devices that train the model. Mirrored copies it onto every local GPU, or every logical CPU device when there is no GPU, and averages their gradients. Multi-worker trains on the machines that the TF_CONFIG environment variable lists.</source>
        <translation>모델을 훈련할 장치입니다. Mirrored는 모델을 로컬 GPU마다(GPU가 없으면 논리 CPU 장치마다) 복사하고 그레이디언트를 평균합니다. Multi-worker는 TF_CONFIG 환경 변수에 적힌 머신들에서 훈련합니다.</translation>
    </message>
    <message>
        <source>Default (one device)</source>
        <translation>기본 (장치 하나)</translation>
    </message>
    <message>
        <source>Mirrored (all local devices)</source>
        <translation>미러링 (모든 로컬 장치)</translation>
    </message>
    <message>
        <source>Multi-worker (TF_CONFIG)</source>
        <translation>다중 워커 (TF_CONFIG)</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>조기 종료</translation>
    </message>
    <message>
        <source>Stop when the monitored metric has not improved for &apos;patience&apos; epochs in a row (Keras EarlyStopping).</source>
        <translation>모니터링하는 지표가 &apos;인내(patience)&apos; 에포크 동안 연속으로 나아지지 않으면 멈춥니다(Keras EarlyStopping).</translation>
    </message>
    <message>
        <source>Stop monitor</source>
        <translation>종료 기준 지표</translation>
    </message>
    <message>
        <source>Metric that early stopping watches. Losses improve by falling, accuracies by rising.</source>
        <translation>조기 종료가 지켜보는 지표입니다. 손실은 내려갈수록, 정확도는 올라갈수록 나아진 것입니다.</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>훈련 손실</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>훈련 정확도</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>인내 (patience)</translation>
    </message>
    <message>
        <source>Epochs without improvement after which training stops. 0 stops at the first epoch that does not improve.</source>
        <translation>개선이 없는 에포크가 이만큼 이어지면 훈련을 멈춥니다. 0이면 처음으로 나아지지 않은 에포크에서 멈춥니다.</translation>
    </message>
    <message>
        <source>Minimum change</source>
        <translation>최소 변화량</translation>
    </message>
    <message>
        <source>Smallest change of the monitored metric that counts as an improvement (Keras min_delta).</source>
        <translation>개선으로 인정하는 모니터링 지표의 최소 변화량입니다(Keras min_delta).</translation>
    </message>
    <message>
        <source>Restore best weights</source>
        <translation>최고 가중치 복원</translation>
    </message>
    <message>
        <source>At the end of the run, give the model the weights of its best epoch instead of those of its last one.</source>
        <translation>실행이 끝나면 모델에 마지막 에포크 대신 최고 에포크의 가중치를 넣습니다.</translation>
    </message>
    <message>
        <source>Save best checkpoint</source>
        <translation>최고 체크포인트 저장</translation>
    </message>
    <message>
        <source>Save the model to the checkpoint file each time the monitored metric improves (Keras ModelCheckpoint, save_best_only).</source>
        <translation>모니터링하는 지표가 나아질 때마다 모델을 체크포인트 파일에 저장합니다(Keras ModelCheckpoint, save_best_only).</translation>
    </message>
    <message>
        <source>Checkpoint monitor</source>
        <translation>체크포인트 기준 지표</translation>
    </message>
    <message>
        <source>Metric that decides which epoch is the best one to save.</source>
        <translation>어느 에포크가 저장할 최고 에포크인지 정하는 지표입니다.</translation>
    </message>
    <message>
        <source>Checkpoint file</source>
        <translation>체크포인트 파일</translation>
    </message>
    <message>
        <source>The .keras file that receives the best model. An existing file of that name is replaced at the first improvement.</source>
        <translation>최고 모델을 저장할 .keras 파일입니다. 같은 이름의 파일이 있으면 첫 개선 때 바뀝니다.</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>랜덤 시드</translation>
    </message>
    <message>
        <source>Seeds the train/validation split (random_state) and Keras (weights, shuffling, dropout). The same seed and settings give the same numbers.</source>
        <translation>훈련/검증 분할(random_state)과 Keras(가중치, 섞기, 드롭아웃)의 시드입니다. 시드와 설정이 같으면 결과 숫자도 같습니다.</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>손실 곡선</translation>
    </message>
    <message>
        <source>5 epochs of RMSprop on all training images, without validation: the training loss falls every epoch.</source>
        <translation>검증 없이 모든 훈련 이미지로 RMSprop 5 에포크: 훈련 손실이 에포크마다 내려갑니다.</translation>
    </message>
    <message>
        <source>20 epochs of RMSprop with validation: the validation loss turns upward while the training loss keeps falling (overfitting).</source>
        <translation>검증과 함께 RMSprop 20 에포크: 훈련 손실은 계속 내려가는데 검증 손실은 다시 올라갑니다(과대적합).</translation>
    </message>
    <message>
        <source>20 epochs of Adam: a smoother validation loss than RMSprop.</source>
        <translation>Adam 20 에포크: RMSprop보다 검증 손실이 매끄럽습니다.</translation>
    </message>
    <message>
        <source>Learning rates</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Adam at learning rates 0.01, 0.001 and 0.0001, 20 epochs each, overlaid and ranked.</source>
        <translation>학습률 0.01, 0.001, 0.0001의 Adam을 각각 20 에포크 훈련해 겹쳐 그리고 순위를 매깁니다.</translation>
    </message>
    <message>
        <source>20 epochs of Adam with dropout 0.3: the gap between training and validation loss narrows.</source>
        <translation>드롭아웃 0.3의 Adam 20 에포크: 훈련 손실과 검증 손실의 차이가 줄어듭니다.</translation>
    </message>
    <message>
        <source>Save and restore</source>
        <translation>저장과 복원</translation>
    </message>
    <message>
        <source>10 epochs of Adam with dropout 0.3, then save the weights and the whole model, reload both and evaluate each.</source>
        <translation>드롭아웃 0.3의 Adam 10 에포크 뒤 가중치와 모델 전체를 저장하고, 둘 다 다시 불러와 각각 평가합니다.</translation>
    </message>
    <message>
        <source>Checkpoint and early stopping</source>
        <translation>체크포인트와 조기 종료</translation>
    </message>
    <message>
        <source>Adam with dropout 0.3 for up to 20 epochs: stop after 2 epochs without a lower validation loss, keep the best weights and save the best model.</source>
        <translation>드롭아웃 0.3의 Adam 최대 20 에포크: 검증 손실이 2 에포크 동안 내려가지 않으면 멈추고, 최고 가중치를 유지하며 최고 모델을 저장합니다.</translation>
    </message>
    <message>
        <source>Keep the best weights</source>
        <translation>최고 가중치 유지</translation>
    </message>
    <message>
        <source>Keep the last weights</source>
        <translation>마지막 가중치 유지</translation>
    </message>
    <message>
        <source>Discard the run</source>
        <translation>실행 버리기</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>티셔츠/탑</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>바지</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>스웨터</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>드레스</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>코트</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>샌들</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>셔츠</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>스니커즈</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>가방</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>앵클 부츠</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Press Evaluate to test the current model on the test set.</source>
        <translation>평가를 누르면 현재 모델을 테스트 세트로 평가합니다.</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>오차 행렬</translation>
    </message>
    <message>
        <source>Per-class accuracy</source>
        <translation>클래스별 정확도</translation>
    </message>
    <message>
        <source>Mistakes only</source>
        <translation>틀린 것만</translation>
    </message>
    <message>
        <source>Draw the sample from misclassified images.</source>
        <translation>잘못 분류한 이미지에서만 표본을 뽑습니다.</translation>
    </message>
    <message>
        <source>New sample</source>
        <translation>새 표본</translation>
    </message>
    <message>
        <source>Draw another random set of test images.</source>
        <translation>테스트 이미지를 무작위로 다시 뽑습니다.</translation>
    </message>
    <message>
        <source>Sample predictions</source>
        <translation>예측 표본</translation>
    </message>
    <message>
        <source>Selected cell</source>
        <translation>선택한 칸</translation>
    </message>
    <message>
        <source>The confusion matrix appears here after Evaluate</source>
        <translation>평가하면 여기에 오차 행렬이 나타납니다</translation>
    </message>
    <message>
        <source>Click a cell of the confusion matrix.</source>
        <translation>오차 행렬의 칸을 클릭하세요.</translation>
    </message>
    <message>
        <source>Click a cell of the confusion matrix to see the test images of that true and predicted class.</source>
        <translation>오차 행렬의 칸을 클릭하면 그 실제 클래스와 예측 클래스의 테스트 이미지를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;True {true}, predicted {predicted}&lt;/b&gt; (correctly classified)</source>
        <translation>&lt;b&gt;실제 {true}, 예측 {predicted}&lt;/b&gt; (올바르게 분류)</translation>
    </message>
    <message>
        <source>&lt;b&gt;True {true}, predicted {predicted}&lt;/b&gt; (wrongly classified)</source>
        <translation>&lt;b&gt;실제 {true}, 예측 {predicted}&lt;/b&gt; (잘못 분류)</translation>
    </message>
    <message>
        <source>No test image falls in this cell.</source>
        <translation>이 칸에 해당하는 테스트 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>Showing {shown} of {count} images.</source>
        <translation>이미지 {count}개 중 {shown}개를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Showing all {count} images.</source>
        <translation>이미지 {count}개를 모두 보여 줍니다.</translation>
    </message>
    <message>
        <source>Each caption gives the test image number and the confidence.</source>
        <translation>각 설명에는 테스트 이미지 번호와 확신도가 있습니다.</translation>
    </message>
    <message>
        <source>{heading}: {note}</source>
        <translation>{heading}: {note}</translation>
    </message>
    <message>
        <source>Share of the true class</source>
        <translation>실제 클래스 중 비율</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>예측 클래스</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>실제 클래스</translation>
    </message>
    <message>
        <source>Confusion matrix (counts)</source>
        <translation>오차 행렬 (개수)</translation>
    </message>
    <message>
        <source>Accuracy on the test images of the class</source>
        <translation>그 클래스 테스트 이미지에서의 정확도</translation>
    </message>
    <message>
        <source>Per-class accuracy (dashed line: overall {accuracy})</source>
        <translation>클래스별 정확도 (점선: 전체 {accuracy})</translation>
    </message>
    <message>
        <source>no test images</source>
        <translation>테스트 이미지 없음</translation>
    </message>
    <message>
        <source>{share} ({correct} of {count})</source>
        <translation>{share} ({count}개 중 {correct}개)</translation>
    </message>
    <message>
        <source>True {true}, predicted {predicted}: {count} images ({share} of the class). Click to see them.</source>
        <translation>실제 {true}, 예측 {predicted}: 이미지 {count}개 (클래스의 {share}). 클릭하면 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>True {true}, predicted {predicted}: {count} images. Click to see them.</source>
        <translation>실제 {true}, 예측 {predicted}: 이미지 {count}개. 클릭하면 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{dataset} test set&lt;/b&gt;: {count} images, loss &lt;b&gt;{loss}&lt;/b&gt;, accuracy &lt;b&gt;{accuracy}&lt;/b&gt; ({mistakes} misclassified). Click a cell of the matrix to see its images.</source>
        <translation>&lt;b&gt;{dataset} 테스트 세트&lt;/b&gt;: 이미지 {count}개, 손실 &lt;b&gt;{loss}&lt;/b&gt;, 정확도 &lt;b&gt;{accuracy}&lt;/b&gt; (잘못 분류 {mistakes}개). 행렬의 칸을 클릭하면 그 이미지를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>true: {name}</source>
        <translation>실제: {name}</translation>
    </message>
    <message>
        <source>Test image {index}
True class: {true}
Predicted: {predicted} ({confidence})
Correct</source>
        <translation>테스트 이미지 {index}
실제 클래스: {true}
예측: {predicted} ({confidence})
정답</translation>
    </message>
    <message>
        <source>Test image {index}
True class: {true}
Predicted: {predicted} ({confidence})
Wrong</source>
        <translation>테스트 이미지 {index}
실제 클래스: {true}
예측: {predicted} ({confidence})
오답</translation>
    </message>
</context>
<context>
    <name>FigureExport</name>
    <message>
        <source>Matplotlib could not draw {name}: {error}. Try another format.</source>
        <translation>Matplotlib이 {name}을(를) 그리지 못했습니다: {error}. 다른 형식을 시도하세요.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save model</source>
        <translation>모델 저장</translation>
    </message>
    <message>
        <source>Keras model (*.keras);;Legacy HDF5 model (*.h5)</source>
        <translation>Keras 모델 (*.keras);;이전 HDF5 모델 (*.h5)</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>모델 불러오기</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.h5);;All files (*)</source>
        <translation>Keras 모델 (*.keras *.h5);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save weights</source>
        <translation>가중치 저장</translation>
    </message>
    <message>
        <source>Keras weights (*.weights.h5)</source>
        <translation>Keras 가중치 (*.weights.h5)</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>가중치 불러오기</translation>
    </message>
    <message>
        <source>Keras weights (*.weights.h5 *.h5);;All files (*)</source>
        <translation>Keras 가중치 (*.weights.h5 *.h5);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 이미지 (*.png);;SVG 이미지 (*.svg);;PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>Export as Python script</source>
        <translation>Python 스크립트로 내보내기</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Python 스크립트 (*.py)</translation>
    </message>
    <message>
        <source>Keras Trainer</source>
        <translation>Keras Trainer</translation>
    </message>
    <message>
        <source>Choose the settings and press Train.</source>
        <translation>설정을 고른 뒤 훈련을 누르세요.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>훈련</translation>
    </message>
    <message>
        <source>Train a new model with these settings.</source>
        <translation>이 설정으로 새 모델을 훈련합니다.</translation>
    </message>
    <message>
        <source>Stop after the current batch and choose which weights to keep.</source>
        <translation>현재 배치가 끝나면 멈추고, 유지할 가중치를 고릅니다.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Hold training after the current batch. Resume continues the same run with its optimizer state.</source>
        <translation>현재 배치가 끝나면 훈련을 잠시 멈춥니다. 계속하면 옵티마이저 상태 그대로 같은 실행을 이어 갑니다.</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Compute loss and accuracy on the validation and test sets.</source>
        <translation>검증 세트와 테스트 세트에서 손실과 정확도를 계산합니다.</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>모델 저장…</translation>
    </message>
    <message>
        <source>Save the whole model (.keras, or legacy .h5).</source>
        <translation>모델 전체를 저장합니다(.keras, 또는 이전 형식 .h5).</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>모델 불러오기…</translation>
    </message>
    <message>
        <source>Load a whole model saved by Keras.</source>
        <translation>Keras로 저장한 모델 전체를 불러옵니다.</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>가중치 저장…</translation>
    </message>
    <message>
        <source>Save only the weights (.weights.h5).</source>
        <translation>가중치만 저장합니다(.weights.h5).</translation>
    </message>
    <message>
        <source>Load weights…</source>
        <translation>가중치 불러오기…</translation>
    </message>
    <message>
        <source>Load weights into the current model, or into a new one built from the settings.</source>
        <translation>현재 모델에, 또는 설정으로 만든 새 모델에 가중치를 불러옵니다.</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>훈련 진행률</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Model summary</source>
        <translation>모델 요약</translation>
    </message>
    <message>
        <source>Evaluation results</source>
        <translation>평가 결과</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>세트</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지 수</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Weights of the current model</source>
        <translation>현재 모델의 가중치</translation>
    </message>
    <message>
        <source>TensorFlow not loaded</source>
        <translation>TensorFlow 로드 전</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Model files</source>
        <translation>모델 파일</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>훈련 곡선</translation>
    </message>
    <message>
        <source>Test set evaluation</source>
        <translation>테스트 세트 평가</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>실행 기록</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>실행 기록</translation>
    </message>
    <message>
        <source>Open data folder…</source>
        <translation>데이터 폴더 열기…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>그림 내보내기…</translation>
    </message>
    <message>
        <source>Export selected runs as CSV…</source>
        <translation>선택한 실행을 CSV로 내보내기…</translation>
    </message>
    <message>
        <source>Export selected run&apos;s settings…</source>
        <translation>선택한 실행의 설정 내보내기…</translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation>중지…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Export as Python script…</source>
        <translation>Python 스크립트로 내보내기…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>비교…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>기본값으로 되돌리기</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>로그 폴더 열기</translation>
    </message>
    <message>
        <source>Keras Trainer help</source>
        <translation>Keras Trainer 도움말</translation>
    </message>
    <message>
        <source>About Keras Trainer</source>
        <translation>Keras Trainer 정보</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>Wait for the current task to finish first.</source>
        <translation>먼저 현재 작업이 끝나기를 기다리세요.</translation>
    </message>
    <message>
        <source>Settings reset to their defaults.</source>
        <translation>설정을 기본값으로 되돌렸습니다.</translation>
    </message>
    <message>
        <source>The new language applies when Keras Trainer starts again. Your settings are kept.</source>
        <translation>새 언어는 Keras Trainer를 다시 시작하면 적용됩니다. 설정은 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <source>Wait for the current task to finish, then restart.</source>
        <translation>현재 작업이 끝난 뒤 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Restart failed</source>
        <translation>다시 시작하지 못했습니다</translation>
    </message>
    <message>
        <source>Start Keras Trainer again yourself: {command}</source>
        <translation>Keras Trainer를 직접 다시 시작하세요: {command}</translation>
    </message>
    <message>
        <source>Wait for the current task to finish before re-running a run.</source>
        <translation>현재 작업이 끝난 뒤에 다시 실행하세요.</translation>
    </message>
    <message>
        <source>Cannot re-run</source>
        <translation>다시 실행할 수 없습니다</translation>
    </message>
    <message>
        <source>The form cannot show this run&apos;s settings: {error}. Adjust the settings by hand and press Train.</source>
        <translation>설정 양식에 이 실행의 설정을 표시할 수 없습니다: {error}. 설정을 직접 고친 뒤 훈련을 누르세요.</translation>
    </message>
    <message>
        <source>{name} {value} (form: {form_value})</source>
        <translation>{name} {value} (양식: {form_value})</translation>
    </message>
    <message>
        <source>Cannot re-run exactly</source>
        <translation>똑같이 다시 실행할 수 없습니다</translation>
    </message>
    <message>
        <source>The form cannot show these settings of the run exactly: {settings}. Check the form and press Train to run with its values.</source>
        <translation>설정 양식에 이 실행의 다음 설정을 정확히 표시할 수 없습니다: {settings}. 양식을 확인하고 훈련을 누르면 양식의 값으로 실행합니다.</translation>
    </message>
    <message>
        <source>Exporting the figure failed</source>
        <translation>그림을 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>Stopped after {epochs} of {planned} epochs.</source>
        <translation>{planned} 에포크 중 {epochs} 에포크 후 멈췄습니다.</translation>
    </message>
    <message>
        <source>Early stopped after {epochs} of {planned} epochs</source>
        <translation>{planned} 에포크 중 {epochs} 에포크 후 조기 종료</translation>
    </message>
    <message>
        <source>Trained {epochs} in {seconds} s.</source>
        <translation>{epochs} 훈련, {seconds}초.</translation>
    </message>
    <message>
        <source>Comparison stopped</source>
        <translation>비교를 멈췄습니다</translation>
    </message>
    <message>
        <source>Comparison done</source>
        <translation>비교 완료</translation>
    </message>
    <message>
        <source>Last compared run: {label}</source>
        <translation>마지막으로 비교한 실행: {label}</translation>
    </message>
    <message>
        <source>; the current model is the last run, {label}, so Evaluate and Save use it</source>
        <translation>; 현재 모델은 마지막 실행 {label}이며 평가와 저장은 이 모델을 씁니다</translation>
    </message>
    <message>
        <source>Comparing (see the Compare tab)</source>
        <translation>비교 중 (비교 탭 참고)</translation>
    </message>
    <message>
        <source>Comparing: the runs train one after another; Stop ends the comparison.</source>
        <translation>비교 중: 실행을 차례로 훈련합니다. 중지를 누르면 비교가 끝납니다.</translation>
    </message>
    <message>
        <source>The run history was not updated: {error}</source>
        <translation>실행 기록을 갱신하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source> (weights of epoch {epoch})</source>
        <translation> (에포크 {epoch}의 가중치)</translation>
    </message>
    <message>
        <source>{set} accuracy {value}</source>
        <translation>{set} 정확도 {value}</translation>
    </message>
    <message>
        <source>Exporting the script failed</source>
        <translation>스크립트를 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>Exported the settings as a script: {path}</source>
        <translation>설정을 스크립트로 내보냈습니다: {path}</translation>
    </message>
    <message>
        <source>Cannot open the log folder</source>
        <translation>로그 폴더를 열 수 없습니다</translation>
    </message>
    <message>
        <source>No file manager opened {folder}. Open that folder yourself; the current log is keras-trainer.log.</source>
        <translation>{folder} 폴더를 연 파일 관리자가 없습니다. 직접 그 폴더를 여세요. 현재 로그 파일은 keras-trainer.log입니다.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>예상하지 못한 오류</translation>
    </message>
    <message>
        <source>The app keeps running. The details are in the log in {folder}.</source>
        <translation>앱은 계속 실행됩니다. 자세한 내용은 {folder}의 로그에 있습니다.</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>TensorFlow 불러오는 중…</translation>
    </message>
    <message>
        <source>Wait for the current task to finish, or press Stop.</source>
        <translation>현재 작업이 끝나기를 기다리거나 중지를 누르세요.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Loading TensorFlow and the data; training starts next…</source>
        <translation>TensorFlow와 데이터를 불러오는 중입니다. 곧 훈련이 시작됩니다…</translation>
    </message>
    <message>
        <source>Loading {dataset}…</source>
        <translation>{dataset} 불러오는 중…</translation>
    </message>
    <message>
        <source>Model: classifier</source>
        <translation>모델: classifier</translation>
    </message>
    <message>
        <source>Exported the figure to {path}</source>
        <translation>그림을 {path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>현재 배치가 끝나면 멈춥니다…</translation>
    </message>
    <message>
        <source>Resumed training.</source>
        <translation>훈련을 계속합니다.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder, not a script file. Choose a file name ending in .py inside it, such as {example}.</source>
        <translation>&apos;{path}&apos;은(는) 스크립트 파일이 아니라 폴더입니다. 그 안에 .py로 끝나는 파일 이름을 고르세요. 예: {example}</translation>
    </message>
    <message>
        <source>Paused. Choose which weights to keep, or continue training.</source>
        <translation>일시 정지했습니다. 유지할 가중치를 고르거나 훈련을 계속하세요.</translation>
    </message>
    <message>
        <source>Paused after the current batch. Press Resume to continue the same run, or Stop to end it.</source>
        <translation>현재 배치 후 일시 정지했습니다. 계속을 누르면 같은 실행을 이어 가고, 중지를 누르면 끝냅니다.</translation>
    </message>
    <message>
        <source>Evaluating on the validation and test sets…</source>
        <translation>검증 세트와 테스트 세트에서 평가하는 중…</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>{name} 불러오는 중…</translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation>잘못된 설정</translation>
    </message>
    <message>
        <source>Wait for training to finish, or press Stop.</source>
        <translation>훈련이 끝나기를 기다리거나 중지를 누르세요.</translation>
    </message>
    <message>
        <source>The input shape and the number of classes are read from the IDX files when training starts.</source>
        <translation>입력 크기와 클래스 수는 훈련을 시작할 때 IDX 파일에서 읽습니다.</translation>
    </message>
    <message>
        <source>Model from the form&apos;s settings, for {dataset} ({size} images, {classes} classes)</source>
        <translation>현재 설정의 모델, {dataset}용 ({size} 이미지, 클래스 {classes}개)</translation>
    </message>
    <message>
        <source>The current model was trained on {dataset}.</source>
        <translation>현재 모델은 {dataset}로 훈련했습니다.</translation>
    </message>
    <message>
        <source>The current model has {units} {activation} units and dropout {dropout}.</source>
        <translation>현재 모델은 {activation} 유닛 {units}개, 드롭아웃 {dropout}입니다.</translation>
    </message>
    <message>
        <source>Evaluate and Save use it; Train and Load weights build a new model from the form.</source>
        <translation>평가와 저장은 이 모델을 쓰고, 훈련과 가중치 불러오기는 설정으로 새 모델을 만듭니다.</translation>
    </message>
    <message>
        <source>Invalid file name</source>
        <translation>잘못된 파일 이름</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation>{folder}에 {name} 파일이 이미 있습니다. 바꿀까요?</translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation>데이터 불러오는 중…</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}, batch {batch}/{batches}</source>
        <translation>에포크 {epoch}/{epochs}, 배치 {batch}/{batches}</translation>
    </message>
    <message>
        <source>last epoch: {metrics}</source>
        <translation>마지막 에포크: {metrics}</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}: {metrics}</source>
        <translation>에포크 {epoch}/{epochs}: {metrics}</translation>
    </message>
    <message>
        <source>TensorFlow ready (Keras {version})</source>
        <translation>TensorFlow 준비됨 (Keras {version})</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>훈련을 멈췄습니다</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended</source>
        <translation>첫 에포크가 끝나기 전에 멈췄습니다</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended; the previous model is unchanged.</source>
        <translation>첫 에포크가 끝나기 전에 멈췄습니다. 이전 모델은 그대로입니다.</translation>
    </message>
    <message>
        <source>Run discarded</source>
        <translation>실행을 버렸습니다</translation>
    </message>
    <message>
        <source>Stopped after {epochs} of {planned} epochs</source>
        <translation>{planned} 에포크 중 {epochs} 에포크 후 멈춤</translation>
    </message>
    <message>
        <source>Done: {epochs}</source>
        <translation>완료: {epochs}</translation>
    </message>
    <message>
        <source>Checkpoint not written: {cause}</source>
        <translation>체크포인트를 쓰지 못했습니다: {cause}</translation>
    </message>
    <message>
        <source>Checkpoint not written</source>
        <translation>체크포인트를 쓰지 못함</translation>
    </message>
    <message>
        <source>Run {run_id} is not recorded completely: {error} Its row shows &apos;running&apos; until the app can write the run history again. The app tries again when the next run starts and when the window closes.</source>
        <translation>실행 {run_id}이(가) 완전히 기록되지 않았습니다: {error} 앱이 실행 기록에 다시 쓸 수 있을 때까지 이 행은 &apos;실행 중&apos;으로 표시됩니다. 다음 실행을 시작할 때와 창을 닫을 때 다시 시도합니다.</translation>
    </message>
    <message>
        <source>Run {run_id} is not recorded completely in the run history; the Runs panel shows why.</source>
        <translation>실행 {run_id}이(가) 실행 기록에 완전히 기록되지 않았습니다. 이유는 실행 기록 패널에 표시됩니다.</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>현재 모델</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Saved model to {path}</source>
        <translation>모델을 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>Saved weights to {path}</source>
        <translation>가중치를 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>Loaded: {name}</source>
        <translation>불러옴: {name}</translation>
    </message>
    <message>
        <source>trained {epochs}</source>
        <translation>{epochs} 훈련됨</translation>
    </message>
    <message>
        <source>the file contains no training history</source>
        <translation>파일에 훈련 기록이 없습니다</translation>
    </message>
    <message>
        <source>; its layers differ from the form&apos;s model</source>
        <translation>; 층 구성이 설정의 모델과 다릅니다</translation>
    </message>
    <message>
        <source>Loaded {name}</source>
        <translation>{name} 불러옴</translation>
    </message>
    <message>
        <source>Loaded {name} ({note})</source>
        <translation>{name} 불러옴 ({note})</translation>
    </message>
    <message>
        <source>The form cannot show these stored settings exactly, so it shows the nearest values it allows: {settings}. The next Train uses the form&apos;s values.</source>
        <translation>저장된 설정을 입력란에 그대로 표시할 수 없어 가장 가까운 허용값을 표시합니다: {settings}. 다음 훈련은 입력란의 값을 씁니다.</translation>
    </message>
    <message>
        <source>Model loaded</source>
        <translation>모델을 불러왔습니다</translation>
    </message>
    <message>
        <source>Weights loaded (no training history)</source>
        <translation>가중치를 불러왔습니다 (훈련 기록 없음)</translation>
    </message>
    <message>
        <source>TensorFlow could not be loaded</source>
        <translation>TensorFlow를 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>훈련에 실패했습니다</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>평가에 실패했습니다</translation>
    </message>
    <message>
        <source>Saving the model failed</source>
        <translation>모델을 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Saving the weights failed</source>
        <translation>가중치를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Loading the model failed</source>
        <translation>모델을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Loading the weights failed</source>
        <translation>가중치를 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Comparison failed</source>
        <translation>비교에 실패했습니다</translation>
    </message>
    <message>
        <source>Save and restore failed</source>
        <translation>저장과 복원에 실패했습니다</translation>
    </message>
    <message>
        <source>Task failed</source>
        <translation>작업에 실패했습니다</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>TensorFlow failed to load</source>
        <translation>TensorFlow 로드 실패</translation>
    </message>
    <message>
        <source>The details are in the log. The current model is unchanged; check the settings and try again.</source>
        <translation>자세한 내용은 로그에 있습니다. 현재 모델은 그대로입니다. 설정을 확인하고 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Choose data folder…</source>
        <translation>데이터 폴더 고르기…</translation>
    </message>
    <message>
        <source>Train on Digits</source>
        <translation>Digits로 훈련</translation>
    </message>
    <message>
        <source>Stopping the current task before closing…</source>
        <translation>닫기 전에 현재 작업을 멈추는 중…</translation>
    </message>
    <message>
        <source>, dropout {dropout}</source>
        <translation>, 드롭아웃 {dropout}</translation>
    </message>
    <message>
        <source>{dataset}: {optimizer} lr={rate}, {units} {activation} units{dropout}, batch {batch}, seed {seed}</source>
        <translation>{dataset}: {optimizer} 학습률={rate}, {activation} 유닛 {units}개{dropout}, 배치 {batch}, 시드 {seed}</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>남은 시간 계산 중…</translation>
    </message>
    <message>
        <source>almost done</source>
        <translation>거의 끝남</translation>
    </message>
    <message>
        <source>about {minutes} min {seconds} s left</source>
        <translation>약 {minutes}분 {seconds}초 남음</translation>
    </message>
    <message>
        <source>about {seconds} s left</source>
        <translation>약 {seconds}초 남음</translation>
    </message>
    <message>
        <source>{count} epoch</source>
        <translation>{count} 에포크</translation>
    </message>
    <message>
        <source>{count} epochs</source>
        <translation>{count} 에포크</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Keras cache</source>
        <translation>Keras 캐시</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>Choose data folder</source>
        <translation>데이터 폴더 고르기</translation>
    </message>
    <message>
        <source>Choose a folder holding the four IDX files.</source>
        <translation>IDX 파일 네 개가 있는 폴더를 고릅니다.</translation>
    </message>
    <message>
        <source>Choose TensorBoard folder</source>
        <translation>TensorBoard 폴더 고르기</translation>
    </message>
    <message>
        <source>Choose a folder for TensorBoard event files.</source>
        <translation>TensorBoard 이벤트 파일을 쓸 폴더를 고릅니다.</translation>
    </message>
    <message>
        <source>Choose checkpoint file</source>
        <translation>체크포인트 파일 선택</translation>
    </message>
    <message>
        <source>Choose the .keras file that receives the best model.</source>
        <translation>최고 모델을 저장할 .keras 파일을 고릅니다.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>{title} is {new} again because validation is on.</source>
        <translation>검증이 켜져 있으므로 {title}이(가) 다시 {new}입니다.</translation>
    </message>
    <message>
        <source>{title} changed from {old} to {new} because the validation fraction is 0. It returns to {old} when the fraction is above 0.</source>
        <translation>검증 비율이 0이므로 {title}이(가) {old}에서 {new}(으)로 바뀌었습니다. 비율이 0보다 크면 {old}(으)로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Choose a folder with IDX files</source>
        <translation>IDX 파일이 있는 폴더 고르기</translation>
    </message>
    <message>
        <source>Save the best model as</source>
        <translation>최고 모델을 저장할 파일</translation>
    </message>
    <message>
        <source>Keras model (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <source>Choose a folder for TensorBoard event files</source>
        <translation>TensorBoard 이벤트 파일을 쓸 폴더 고르기</translation>
    </message>
</context>
<context>
    <name>PresetsMenu</name>
    <message>
        <source>&amp;Presets</source>
        <translation>프리셋(&amp;P)</translation>
    </message>
    <message>
        <source>{description}
Settings: {settings}
Fills the form and starts at once; the dataset and data folder stay.</source>
        <translation>{description}
설정: {settings}
설정 양식을 채우고 바로 시작합니다. 데이터셋과 데이터 폴더는 그대로입니다.</translation>
    </message>
    <message>
        <source>Writes {files} to {folder}.</source>
        <translation>{folder}에 {files}을(를) 씁니다.</translation>
    </message>
    <message>
        <source>Wait for the current task to finish, or press Stop.</source>
        <translation>현재 작업이 끝나기를 기다리거나 중지를 누르세요.</translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}</source>
        <translation>{folder}을(를) 만들 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Preset {title}: {description}</source>
        <translation>프리셋 {title}: {description}</translation>
    </message>
    <message>
        <source>Save and restore skipped: the training did not complete.</source>
        <translation>훈련이 끝나지 않아 저장과 복원을 건너뛰었습니다.</translation>
    </message>
    <message>
        <source>Saved the weights to {weights} and the model to {model}, then reloaded both.</source>
        <translation>가중치를 {weights}에, 모델을 {model}에 저장한 뒤 둘 다 다시 불러왔습니다.</translation>
    </message>
    <message>
        <source>Save and restore</source>
        <translation>저장과 복원</translation>
    </message>
    <message>
        <source>Reloaded weights and model evaluate the same as the trained model</source>
        <translation>다시 불러온 가중치와 모델의 평가 결과가 훈련한 모델과 같습니다</translation>
    </message>
    <message>
        <source>The reloaded models evaluate differently from the trained model</source>
        <translation>다시 불러온 모델의 평가 결과가 훈련한 모델과 다릅니다</translation>
    </message>
    <message>
        <source>trained model</source>
        <translation>훈련한 모델</translation>
    </message>
    <message>
        <source>weights from {file}</source>
        <translation>{file}의 가중치</translation>
    </message>
    <message>
        <source>model from {file}</source>
        <translation>{file}의 모델</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>{set} loss {loss} accuracy {accuracy}</source>
        <translation>{set} 손실 {loss} 정확도 {accuracy}</translation>
    </message>
</context>
<context>
    <name>RunMarkers</name>
    <message>
        <source>overfitting: val loss rises, train loss falls</source>
        <translation>과대적합: 검증 손실은 오르고 훈련 손실은 내려감</translation>
    </message>
    <message>
        <source>best {monitor} (epoch {epoch})</source>
        <translation>최고 {monitor} (에포크 {epoch})</translation>
    </message>
    <message>
        <source>checkpoint saved</source>
        <translation>체크포인트 저장됨</translation>
    </message>
    <message>
        <source>early stop (epoch {epoch})</source>
        <translation>조기 종료 (에포크 {epoch})</translation>
    </message>
</context>
<context>
    <name>RunOutcome</name>
    <message>
        <source>The run was discarded, so the model from before it is kept.</source>
        <translation>실행을 버렸으므로 실행 전의 모델을 유지합니다.</translation>
    </message>
    <message>
        <source>No epoch completed, so the model from before the run is kept.</source>
        <translation>끝난 에포크가 없으므로 실행 전의 모델을 유지합니다.</translation>
    </message>
    <message>
        <source>The model holds the weights of epoch {epoch}, the best {monitor} ({value}).</source>
        <translation>모델은 {monitor}이(가) 가장 좋았던 에포크 {epoch}의 가중치({value})를 갖고 있습니다.</translation>
    </message>
    <message>
        <source>The model holds the weights of epoch {epoch}, the best {monitor}.</source>
        <translation>모델은 {monitor}이(가) 가장 좋았던 에포크 {epoch}의 가중치를 갖고 있습니다.</translation>
    </message>
    <message>
        <source>The model holds the weights of epoch {epoch}, the last complete epoch.</source>
        <translation>모델은 마지막으로 끝난 에포크 {epoch}의 가중치를 갖고 있습니다.</translation>
    </message>
    <message>
        <source>The model holds the weights of epoch {epoch}.</source>
        <translation>모델은 에포크 {epoch}의 가중치를 갖고 있습니다.</translation>
    </message>
    <message>
        <source>The run finished its only epoch.</source>
        <translation>실행이 하나뿐인 에포크를 마쳤습니다.</translation>
    </message>
    <message>
        <source>The run finished all {count} epochs.</source>
        <translation>실행이 {count} 에포크를 모두 마쳤습니다.</translation>
    </message>
    <message>
        <source>Early stopping ended the run at epoch {epoch}.</source>
        <translation>조기 종료로 에포크 {epoch}에서 실행이 끝났습니다.</translation>
    </message>
    <message>
        <source>The run was stopped on request after {count} complete epoch.</source>
        <translation>요청에 따라 {count} 에포크를 마친 뒤 실행을 멈췄습니다.</translation>
    </message>
    <message>
        <source>The run was stopped on request after {count} complete epochs.</source>
        <translation>요청에 따라 {count} 에포크를 마친 뒤 실행을 멈췄습니다.</translation>
    </message>
    <message>
        <source>The run stopped after {count} complete epoch.</source>
        <translation>{count} 에포크를 마친 뒤 실행이 멈췄습니다.</translation>
    </message>
    <message>
        <source>The run stopped after {count} complete epochs.</source>
        <translation>{count} 에포크를 마친 뒤 실행이 멈췄습니다.</translation>
    </message>
    <message>
        <source>Checkpoint {path} was written after epoch {epochs} and holds epoch {last}.</source>
        <translation>체크포인트 {path}은(는) 에포크 {epochs} 뒤에 저장되었고 에포크 {last}의 모델을 담고 있습니다.</translation>
    </message>
    <message>
        <source>Checkpoint {path} was written after epochs {epochs} and holds epoch {last}.</source>
        <translation>체크포인트 {path}은(는) 에포크 {epochs} 뒤에 저장되었고 에포크 {last}의 모델을 담고 있습니다.</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Double-click to rename the run.</source>
        <translation>두 번 클릭하면 실행 이름을 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Local date and time when the run started.</source>
        <translation>실행이 시작된 현지 날짜와 시각입니다.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Images the run trained on.</source>
        <translation>실행이 훈련에 쓴 이미지입니다.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Optimizer of the run.</source>
        <translation>실행의 옵티마이저입니다.</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Learning rate of the optimizer.</source>
        <translation>옵티마이저의 학습률입니다.</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Complete epochs of the epochs requested.</source>
        <translation>요청한 에포크 중 끝난 에포크입니다.</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>최고 검증 정확도</translation>
    </message>
    <message>
        <source>Highest validation accuracy of any epoch.</source>
        <translation>모든 에포크 중 가장 높은 검증 정확도입니다.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>complete, stopped (by Stop or early stopping) or failed.</source>
        <translation>완료, 멈춤(중지 또는 조기 종료), 실패 중 하나입니다.</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>The run history is not available.</source>
        <translation>실행 기록을 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Stored runs</source>
        <translation>저장된 실행</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>실행 세부 정보</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>Train again with this run&apos;s settings and seed.</source>
        <translation>이 실행의 설정과 랜덤 시드로 다시 훈련합니다.</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Delete the selected runs from the history. Saved model files stay.</source>
        <translation>선택한 실행을 기록에서 지웁니다. 저장한 모델 파일은 남습니다.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Write the curves of the selected runs to one CSV file.</source>
        <translation>선택한 실행의 곡선을 CSV 파일 하나에 씁니다.</translation>
    </message>
    <message>
        <source>Export settings…</source>
        <translation>설정 내보내기…</translation>
    </message>
    <message>
        <source>Write the selected run&apos;s settings as JSON.</source>
        <translation>선택한 실행의 설정을 JSON으로 씁니다.</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>그래프 내보내기…</translation>
    </message>
    <message>
        <source>Save this plot as PNG, SVG or PDF with each run&apos;s settings stamped.</source>
        <translation>이 그래프를 실행별 설정을 적어 PNG, SVG, PDF로 저장합니다.</translation>
    </message>
    <message>
        <source>Select runs in the table to compare their curves</source>
        <translation>표에서 실행을 선택하면 곡선을 비교할 수 있습니다</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>곡선</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>세부 정보</translation>
    </message>
    <message>
        <source>Cannot delete a running run</source>
        <translation>실행 중인 실행은 삭제할 수 없습니다</translation>
    </message>
    <message>
        <source>Run #{id} is still training. Stop it, or wait until it ends, then delete it.</source>
        <translation>실행 #{id}은(는) 아직 훈련 중입니다. 중지하거나 끝날 때까지 기다린 뒤 삭제하세요.</translation>
    </message>
    <message>
        <source>Delete this run from the run history? Saved model and weights files stay on disk. This cannot be undone.</source>
        <translation>이 실행을 실행 기록에서 삭제할까요? 저장한 모델과 가중치 파일은 디스크에 남습니다. 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Delete these {count} runs from the run history? Saved model and weights files stay on disk. This cannot be undone.</source>
        <translation>이 실행 {count}개를 실행 기록에서 삭제할까요? 저장한 모델과 가중치 파일은 디스크에 남습니다. 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Delete runs?</source>
        <translation>실행을 삭제할까요?</translation>
    </message>
    <message>
        <source>Deleting runs failed</source>
        <translation>실행을 삭제하지 못했습니다</translation>
    </message>
    <message>
        <source>Exporting the curves failed</source>
        <translation>곡선을 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>export its settings</source>
        <translation>설정을 내보내세요</translation>
    </message>
    <message>
        <source>Exporting the settings failed</source>
        <translation>설정을 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>Exporting the plot failed</source>
        <translation>그래프를 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>선택한 실행이 없습니다</translation>
    </message>
    <message>
        <source>Select one or more runs first.</source>
        <translation>먼저 실행을 하나 이상 선택하세요.</translation>
    </message>
    <message>
        <source>Reading the runs failed</source>
        <translation>실행을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>Select one run</source>
        <translation>실행을 하나만 선택하세요</translation>
    </message>
    <message>
        <source>{count} runs are selected. Select exactly one run to {action}.</source>
        <translation>실행 {count}개가 선택되어 있습니다. 실행을 하나만 선택한 뒤 {action}.</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Select one run to see everything stored about it.</source>
        <translation>실행을 하나 선택하면 저장된 모든 정보를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Renaming the run failed</source>
        <translation>실행 이름을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <source>re-run it</source>
        <translation>다시 실행하세요</translation>
    </message>
    <message>
        <source>Cannot re-run</source>
        <translation>다시 실행할 수 없습니다</translation>
    </message>
    <message>
        <source>The stored settings of run #{id} are invalid in this version of the app: {error}</source>
        <translation>실행 #{id}의 저장된 설정은 이 버전의 앱에서 올바르지 않습니다: {error}</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>곡선 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export settings</source>
        <translation>설정 내보내기</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 이미지 (*.png);;SVG 그림 (*.svg);;PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>settings invalid in this version of the app</source>
        <translation>이 버전의 앱에서 올바르지 않은 설정</translation>
    </message>
    <message>
        <source>{done} of {planned}</source>
        <translation>{planned} 중 {done}</translation>
    </message>
    <message>
        <source>Run #{id}: {name}</source>
        <translation>실행 #{id}: {name}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>상태: {status}</translation>
    </message>
    <message>
        <source>Started: {time}</source>
        <translation>시작 시각: {time}</translation>
    </message>
    <message>
        <source>Fit time: {seconds}</source>
        <translation>fit 시간: {seconds}</translation>
    </message>
    <message>
        <source>Settings: {settings}</source>
        <translation>설정: {settings}</translation>
    </message>
    <message>
        <source>Images: {images}</source>
        <translation>이미지: {images}</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>데이터 폴더: {folder}</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Versions: {versions}</source>
        <translation>버전: {versions}</translation>
    </message>
    <message>
        <source>Last epoch ({epoch}): {metrics}</source>
        <translation>마지막 에포크 ({epoch}): {metrics}</translation>
    </message>
    <message>
        <source>Saved {kind}: {path}</source>
        <translation>저장한 {kind}: {path}</translation>
    </message>
    <message>
        <source>{set}, {count} images</source>
        <translation>{set}, 이미지 {count}개</translation>
    </message>
    <message>
        <source>Evaluation ({set}): {metrics}</source>
        <translation>평가 ({set}): {metrics}</translation>
    </message>
    <message>
        <source>Evaluation {key}: {value}</source>
        <translation>평가 {key}: {value}</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <source>Stop training</source>
        <translation>훈련 중지</translation>
    </message>
    <message>
        <source>Stop training after the current batch?</source>
        <translation>현재 배치가 끝나면 훈련을 멈출까요?</translation>
    </message>
    <message>
        <source>Continue training</source>
        <translation>훈련 계속</translation>
    </message>
    <message>
        <source>No epoch has completed yet, so stopping now keeps no new model. Discard the run to stop, or continue training.</source>
        <translation>아직 끝난 에포크가 없어서 지금 멈추면 새 모델이 남지 않습니다. 실행을 버리고 멈추거나 훈련을 계속하세요.</translation>
    </message>
    <message>
        <source>Keep the best weights: epoch {epoch} ({monitor}).</source>
        <translation>최고 가중치 유지: 에포크 {epoch} ({monitor}).</translation>
    </message>
    <message>
        <source>Keep the last weights: epoch {epoch}, the last complete one.</source>
        <translation>마지막 가중치 유지: 마지막으로 끝난 에포크 {epoch}.</translation>
    </message>
    <message>
        <source>Discard the run: the model goes back to how it was before it.</source>
        <translation>실행 버리기: 모델이 실행 전 상태로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Training is paused while you choose.</source>
        <translation>고르는 동안 훈련은 일시 정지됩니다.</translation>
    </message>
</context>
<context>
    <name>TensorBoardCommand</name>
    <message>
        <source>Open the logs with:</source>
        <translation>로그 보기:</translation>
    </message>
    <message>
        <source>TensorBoard command</source>
        <translation>TensorBoard 명령</translation>
    </message>
    <message>
        <source>Run this in a terminal, then open the address TensorBoard prints. It needs the tensorboard package.</source>
        <translation>터미널에서 실행한 뒤 TensorBoard가 출력하는 주소를 여세요. tensorboard 패키지가 필요합니다.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard.</source>
        <translation>명령을 클립보드에 복사합니다.</translation>
    </message>
</context>
<context>
    <name>TrainingPlot</name>
    <message>
        <source>train</source>
        <translation>훈련</translation>
    </message>
    <message>
        <source>val</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>앞으로</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Subplots</source>
        <translation>서브플롯</translation>
    </message>
    <message>
        <source>Customize</source>
        <translation>사용자 설정</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Reset original view</source>
        <translation>원래 보기로 되돌리기</translation>
    </message>
    <message>
        <source>Back to previous view</source>
        <translation>이전 보기로</translation>
    </message>
    <message>
        <source>Forward to next view</source>
        <translation>다음 보기로</translation>
    </message>
    <message>
        <source>Left button pans, Right button zooms
x/y fixes axis, CTRL fixes aspect</source>
        <translation>왼쪽 버튼은 이동, 오른쪽 버튼은 확대/축소
x/y는 축 고정, CTRL은 비율 고정</translation>
    </message>
    <message>
        <source>Zoom to rectangle
x/y fixes axis</source>
        <translation>사각형 영역 확대
x/y는 축 고정</translation>
    </message>
    <message>
        <source>Configure subplots</source>
        <translation>서브플롯 설정</translation>
    </message>
    <message>
        <source>Edit axis, curve and image parameters</source>
        <translation>축, 곡선, 이미지 속성 편집</translation>
    </message>
    <message>
        <source>Save the figure</source>
        <translation>그림 저장</translation>
    </message>
    <message>
        <source>{count} of {limit} epoch without improvement</source>
        <translation>{limit} 에포크 중 {count} 에포크 동안 개선 없음</translation>
    </message>
    <message>
        <source>{count} of {limit} epochs without improvement</source>
        <translation>{limit} 에포크 중 {count} 에포크 동안 개선 없음</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>훈련 곡선</translation>
    </message>
    <message>
        <source>Press Train to watch the curves grow</source>
        <translation>훈련을 누르면 곡선이 자라는 것을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>조기 종료 인내 (patience)</translation>
    </message>
    <message>
        <source>Epochs since the monitored metric last improved. Early stopping ends the run when the bar is full.</source>
        <translation>모니터링하는 지표가 마지막으로 나아진 뒤 지난 에포크 수입니다. 막대가 가득 차면 조기 종료가 실행을 끝냅니다.</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>조기 종료</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Early stopping: {patience}</source>
        <translation>조기 종료: {patience}</translation>
    </message>
</context>
</TS>
