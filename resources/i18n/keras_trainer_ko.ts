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
        <source>Share of the training images held out to validate each epoch, split with scikit-learn&apos;s train_test_split.</source>
        <translation>에포크마다 검증에 쓰도록 떼어 두는 훈련 이미지의 비율입니다. scikit-learn의 train_test_split으로 나눕니다.</translation>
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
        <source>Random seed</source>
        <translation>랜덤 시드</translation>
    </message>
    <message>
        <source>Seeds the train/validation split (random_state) and Keras (weights, shuffling, dropout). The same seed and settings give the same numbers.</source>
        <translation>훈련/검증 분할(random_state)과 Keras(가중치, 섞기, 드롭아웃)의 시드입니다. 시드와 설정이 같으면 결과 숫자도 같습니다.</translation>
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
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop after the current batch and keep what was recorded.</source>
        <translation>현재 배치가 끝나면 멈추고 기록된 내용은 유지합니다.</translation>
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
        <source>Exporting the figure failed</source>
        <translation>그림을 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>Saved the figure to {path}</source>
        <translation>그림을 {path}에 저장했습니다</translation>
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
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>현재 배치가 끝나면 멈춥니다…</translation>
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
        <source>Stopped before the first epoch ended</source>
        <translation>첫 에포크가 끝나기 전에 멈췄습니다</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended; the previous model is unchanged.</source>
        <translation>첫 에포크가 끝나기 전에 멈췄습니다. 이전 모델은 그대로입니다.</translation>
    </message>
    <message>
        <source>Stopped after {epochs} of {planned} epochs</source>
        <translation>{planned} 에포크 중 {epochs} 에포크 후 멈춤</translation>
    </message>
    <message>
        <source>Stopped after {epochs} of {planned} epochs; the model holds the weights from the end of epoch {epochs}</source>
        <translation>{planned} 에포크 중 {epochs} 에포크 후 멈췄습니다. 모델은 {epochs}번째 에포크가 끝났을 때의 가중치를 가집니다</translation>
    </message>
    <message>
        <source>Done: {epochs}</source>
        <translation>완료: {epochs}</translation>
    </message>
    <message>
        <source>Trained {epochs} in {seconds} s</source>
        <translation>{epochs} 훈련, {seconds}초</translation>
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
        <source>{dataset}: validation accuracy {validation}, test accuracy {test}</source>
        <translation>{dataset}: 검증 정확도 {validation}, 테스트 정확도 {test}</translation>
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
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose a folder with IDX files</source>
        <translation>IDX 파일이 있는 폴더 고르기</translation>
    </message>
    <message>
        <source>Choose a folder for TensorBoard event files</source>
        <translation>TensorBoard 이벤트 파일을 쓸 폴더 고르기</translation>
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
        <source>Training curves</source>
        <translation>훈련 곡선</translation>
    </message>
    <message>
        <source>Press Train to watch the curves grow</source>
        <translation>훈련을 누르면 곡선이 자라는 것을 볼 수 있습니다</translation>
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
</context>
</TS>
